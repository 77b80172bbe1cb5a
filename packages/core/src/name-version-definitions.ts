/** How a mapped full name becomes a referrer's First Name. */
export const NAME_VERSION_IDS = ['original', 'v1', 'v2', 'v3', 'v4', 'v5'] as const;
/** A name version id: `original`, or `v1` … `v5`. */
export type NameVersion = (typeof NAME_VERSION_IDS)[number];

/** A name version as the Name Version step shows it. */
export interface NameVersionDefinition {
  id: NameVersion;
  /** Short label, e.g. `V4`. */
  label: string;
  /** What it does, e.g. `First name + 1 letter`. */
  description: string;
  /** What "John Ronald Smith" becomes. */
  example: string;
}

/** Every name version, in the order the wizard lists them. */
export const NAME_VERSIONS: readonly NameVersionDefinition[] = [
  {
    id: 'original',
    label: 'Original',
    description: 'The name as it is',
    example: 'John Ronald Smith',
  },
  { id: 'v1', label: 'V1', description: 'First word', example: 'John' },
  { id: 'v2', label: 'V2', description: 'First two words', example: 'John Ronald' },
  { id: 'v3', label: 'V3', description: 'First three words', example: 'John Ronald Smith' },
  { id: 'v4', label: 'V4', description: 'First name + 1 letter', example: 'John S' },
  { id: 'v5', label: 'V5', description: 'First name + 2 letters', example: 'John Sm' },
];

/** The version a new sync starts with. */
export const DEFAULT_NAME_VERSION: NameVersion = 'v1';
