/** A Stripe object as the kit reads it: the fields the catalogue knows plus metadata. */
export interface StripeRecord {
  /** Stripe's id, e.g. `cus_NffrFeUfNV2Hib`. */
  id: string;
  /** Stripe's `object` string, e.g. `customer`. */
  object?: string | undefined;
  /** `true` on a deleted customer (Stripe returns `{ id, object, deleted: true }`). */
  deleted?: boolean | undefined;
  name?: string | null | undefined;
  email?: string | null | undefined;
  description?: string | null | undefined;
  phone?: string | null | undefined;
  /** Unix seconds. */
  created?: number | undefined;
  metadata?: Record<string, string> | null | undefined;
}

/** The value kinds a field holds. */
export type StripeFieldType = 'id' | 'string' | 'email' | 'phone' | 'timestamp';

/** One field of a Stripe object type, as shown in Map Fields and Map Return Fields. */
export interface StripeFieldDefinition {
  /** Where the value lives: a top-level key (`name`) or `metadata.<key>`. */
  path: string;
  /** Human label, e.g. `Name` or `Metadata: plan`. */
  label: string;
  /** `standard` for Stripe's own fields, `metadata` for discovered metadata keys. */
  kind: 'standard' | 'metadata';
  type: StripeFieldType;
  /** Whether the kit may write a return value into this field. */
  writable: boolean;
  /** Stripe's length limit for the field's value, or `null` when it has none we write to. */
  maxLength: number | null;
}

/** One Stripe object type the kit can turn into referrers. */
export interface StripeObjectTypeDefinition {
  id: StripeObjectTypeId;
  /** Plural label, e.g. `Customers`. */
  label: string;
  description: string;
  /** The standard fields; metadata fields are discovered from records. */
  fields: readonly StripeFieldDefinition[];
}

/** Object types the kit supports. The list is extensible: add an entry below. */
export const STRIPE_OBJECT_TYPE_IDS = ['customer'] as const;
/** A supported Stripe object type id. */
export type StripeObjectTypeId = (typeof STRIPE_OBJECT_TYPE_IDS)[number];

/** Prefix of metadata field paths: `metadata.<key>`. */
export const METADATA_PATH_PREFIX = 'metadata.';

const CUSTOMER_FIELDS: readonly StripeFieldDefinition[] = [
  { path: 'id', label: 'ID', kind: 'standard', type: 'id', writable: false, maxLength: null },
  { path: 'name', label: 'Name', kind: 'standard', type: 'string', writable: true, maxLength: 256 },
  {
    path: 'email',
    label: 'Email',
    kind: 'standard',
    type: 'email',
    writable: true,
    maxLength: 512,
  },
  {
    path: 'description',
    label: 'Description',
    kind: 'standard',
    type: 'string',
    writable: true,
    maxLength: 5000,
  },
  { path: 'phone', label: 'Phone', kind: 'standard', type: 'phone', writable: true, maxLength: 20 },
  {
    path: 'created',
    label: 'Created',
    kind: 'standard',
    type: 'timestamp',
    writable: false,
    maxLength: null,
  },
];

/** The catalogue of Stripe object types, `customer` first. */
export const STRIPE_OBJECT_TYPES: readonly StripeObjectTypeDefinition[] = [
  {
    id: 'customer',
    label: 'Customers',
    description: 'People and businesses you charge in Stripe. Each becomes a referrer.',
    fields: CUSTOMER_FIELDS,
  },
];

/** Looks up an object type by id; `undefined` for one the kit does not support. */
export function getStripeObjectType(id: string): StripeObjectTypeDefinition | undefined {
  return STRIPE_OBJECT_TYPES.find((type) => type.id === id);
}

/** The field path of a metadata key: `metadata.<key>`. */
export function metadataFieldPath(key: string): string {
  return `${METADATA_PATH_PREFIX}${key}`;
}

/** The metadata key of a `metadata.<key>` path, or `null` for a standard field. */
export function metadataKeyOf(path: string): string | null {
  return path.startsWith(METADATA_PATH_PREFIX) ? path.slice(METADATA_PATH_PREFIX.length) : null;
}

/** The definition of a metadata field discovered on records. */
export function metadataFieldDefinition(key: string): StripeFieldDefinition {
  return {
    path: metadataFieldPath(key),
    label: `Metadata: ${key}`,
    kind: 'metadata',
    type: 'string',
    writable: true,
    maxLength: 500,
  };
}

/**
 * The fields of an object type: its standard fields, then one `metadata.<key>`
 * field for every (non-empty) metadata key seen on `samples`, sorted by key
 * and listed once. An unknown object type has no fields.
 *
 * @param objectType - an id from {@link STRIPE_OBJECT_TYPES}
 * @param samples - recent records whose metadata keys should be offered. Default: none.
 */
export function getStripeFields(
  objectType: StripeObjectTypeId,
  samples: readonly StripeRecord[] = [],
): StripeFieldDefinition[] {
  const type = getStripeObjectType(objectType);
  if (!type) return [];
  const keys = new Set<string>();
  for (const record of samples) {
    for (const key of Object.keys(record.metadata ?? {})) if (key !== '') keys.add(key);
  }
  return [...type.fields, ...[...keys].sort().map(metadataFieldDefinition)];
}

/** Finds a field by path, treating any `metadata.<key>` as a known metadata field. */
export function findStripeField(
  objectType: StripeObjectTypeId,
  path: string,
): StripeFieldDefinition | undefined {
  const key = metadataKeyOf(path);
  if (key !== null) return key.length > 0 ? metadataFieldDefinition(key) : undefined;
  return getStripeObjectType(objectType)?.fields.find((field) => field.path === path);
}

/** An own property of `object`: never one inherited from `Object.prototype`. */
function ownValue(object: object | null | undefined, key: string): unknown {
  return object != null && Object.hasOwn(object, key)
    ? (object as Record<string, unknown>)[key]
    : undefined;
}

/**
 * Reads a field's value from a record as a string (`null` when absent, empty
 * or not a scalar). Timestamps are returned as their decimal string. Only the
 * record's own properties count, so a metadata key such as `constructor` that a
 * record lacks reads as `null`, not as `Object.prototype.constructor`.
 */
export function readStripeField(record: StripeRecord, path: string): string | null {
  const key = metadataKeyOf(path);
  const raw = key !== null ? ownValue(record.metadata, key) : ownValue(record, path);
  if (typeof raw === 'string') return raw === '' ? null : raw;
  if (typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
  return null;
}
