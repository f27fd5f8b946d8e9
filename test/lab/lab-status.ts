/**
 * What the lab console's `status` prints per switch from `vtysh -c 'show bgp summary'`: the neighbour table with
 * its peer lines (FRR names a peer "leaf01(swp1)" once it knows the host name, so a line is kept by its place
 * under the header, not by its first word), or vtysh's one-line complaint, never the whole netns command line.
 */
export function bgpSummaryLines(out: string): string[] {
  const lines = out.split('\n');
  const header = lines.findIndex((l) => l.startsWith('Neighbor'));
  if (header < 0) return [lines.find((l) => /not running|failed|error/i.test(l))?.trim() ?? 'no BGP neighbours listed'];
  const rest = lines.slice(header + 1);
  const end = rest.findIndex((l) => l.trim() === '' || l.startsWith('Total number'));
  return [lines[header] as string, ...(end < 0 ? rest : rest.slice(0, end))];
}

/** vtysh's complaint out of a failed netns exec's message, without the command line that comes first. */
export function vtyshError(message: string): string {
  const said = message.split('\n').map((l) => l.trim()).filter(Boolean);
  const line = said.find((l) => /not running/.test(l)) ?? said.at(-1) ?? message;
  // The harness puts it on one line: "<command line> failed: bgpd is not running".
  const at = line.lastIndexOf(' failed: ');
  return at < 0 ? line : line.slice(at + ' failed: '.length);
}
