/**
 * Renders a config value for the "got ..." half of an error message. Operators read these in a
 * terminal, so long strings are clipped and structures are named rather than dumped.
 */
export function describeValue(value: unknown): string {
  if (value === undefined || value === null) return 'an empty value';
  if (typeof value === 'string') {
    const clipped = value.length > 60 ? `${value.slice(0, 57)}...` : value;
    return JSON.stringify(clipped);
  }
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  if (typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return 'a mapping';
  return typeof value;
}
