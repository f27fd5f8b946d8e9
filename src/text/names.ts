/**
 * How a thing is named in a sentence: with its kind only when its name does not already say it, so a line reads
 * "spine is down" and "leaf p001-le01", never "spine spine" or "bootstrap bootstrap".
 */
export function withKind(kind: string, name: string): string {
  return name.toLowerCase().includes(kind.toLowerCase()) ? name : `${kind} ${name}`;
}
