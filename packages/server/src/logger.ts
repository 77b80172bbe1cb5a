/** Where the server writes what happened. Messages never carry secrets. */
export interface Logger {
  info(message: string, details?: Record<string, unknown>): void;
  warn(message: string, details?: Record<string, unknown>): void;
  error(message: string, details?: Record<string, unknown>): void;
}

const SECRET_PATTERN =
  /\b(?:sk|rk|pk)_(?:test|live)_[A-Za-z0-9]+|\bwhsec_[A-Za-z0-9]+|\brefk_[A-Za-z0-9_-]+|\bac_[A-Za-z0-9]+/g;

/** Replaces anything that looks like a Stripe key, webhook secret, API key or OAuth code. */
export function redactSecrets(text: string): string {
  return text.replace(
    SECRET_PATTERN,
    (match) => `${match.slice(0, match.indexOf('_') + 1)}[redacted]`,
  );
}

function redactValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactSecrets(value);
  if (value instanceof Error) {
    return { name: value.name, message: redactSecrets(value.message) };
  }
  if (depth < 3 && value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [key, redactValue(inner, depth + 1)]),
    );
  }
  return value;
}

/** Wraps a logger so every message and detail passes through {@link redactSecrets}. */
export function createRedactingLogger(logger: Logger): Logger {
  const wrap = (level: keyof Logger) => (message: string, details?: Record<string, unknown>) =>
    logger[level](
      redactSecrets(message),
      details ? (redactValue(details) as Record<string, unknown>) : undefined,
    );
  return { info: wrap('info'), warn: wrap('warn'), error: wrap('error') };
}

/** The default logger: warnings and errors as one JSON line each on stderr. */
export const consoleLogger: Logger = {
  info() {},
  warn(message, details) {
    console.warn(JSON.stringify({ level: 'warn', message, ...details }));
  },
  error(message, details) {
    console.error(JSON.stringify({ level: 'error', message, ...details }));
  },
};
