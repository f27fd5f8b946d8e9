/** Human byte sizes with one decimal: "2.1 KB", "18.7 MB" (powers of 1000, as S3 consoles show them). */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${units[unit]}`;
}

/** Change against the previous version: "+1.2%", "-99.9%", or "new" for the oldest. */
export function formatChange(size: number, previous: number | undefined): string {
  if (previous === undefined || previous === 0) return 'new';
  const pct = ((size - previous) / previous) * 100;
  const sign = pct > 0 ? '+' : '';
  return `${sign}${Math.abs(pct) >= 10 ? pct.toFixed(0) : pct.toFixed(1)}%`;
}
