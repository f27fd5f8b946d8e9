import type { Finding } from '../health/finding';
import type { RackSnapshot } from '../model/snapshot';
import { formatAge } from '../text/format-age';
import { formatBytes } from '../text/format-bytes';
import { planeBackups, planeFindings, planeState, runsOn } from './control-plane-rows';
import { blank, type DetailLine, facts, heading, line } from './detail-lines';

const SEVERITY_TONE = { critical: 'critical', warning: 'warning', info: 'info' } as const;

/**
 * One control plane: where it runs and what it depends on (MEP-18's chain, so a nested plane that is down leads to
 * its shoot, and an initial one to k3s), what it hosts, its databases with their newest backup, what its cluster
 * says (nodes, database workloads, pods that will not start, where read), and every finding about it.
 */
export function controlPlaneDetail(s: RackSnapshot, id: string, findings: readonly Finding[]): DetailLine[] {
  const p = s.controlPlanes.find((x) => x.id === id);
  if (!p) return [line('control plane no longer reported', 'muted')];
  const now = s.takenAt;
  const state = planeState(p);
  const hosted = s.controlPlanes.filter((x) => x.id !== p.id && x.hostedOn === p.id);
  const out: DetailLine[] = [
    heading(`Control plane ${p.name} (${p.kind}, ${p.layer} layer)`),
    ...facts([
      ['state', `${state.text}${p.message ? `: ${p.message}` : ''}`, state.tone],
      ['runs on', runsOn(p, s)],
      ['depends on', p.hostedOn === p.id || p.id === 'k3s' ? 'the bootstrap node' : p.hostedOn === 'k3s' ? 'k3s on the bootstrap node' : `shoot ${p.hostedOn} (its workers; shoots pane)`],
      ['hosts', hosted.length ? hosted.map((x) => x.name).join(', ') : undefined],
      ['endpoint', p.endpoint],
      ['last seen', p.lastSeen !== undefined ? `${formatAge(now - p.lastSeen)} ago` : 'never'],
    ]),
    blank,
  ];
  const owned = planeBackups(p, s.backups);
  out.push(heading(`Databases and their backups (${owned.length})`));
  for (const b of owned) {
    const newest = b.versions[0];
    const last = newest ? `newest ${formatAge(now - newest.time)} ago, ${formatBytes(newest.size)}` : 'no backup yet';
    const tone = newest ? (b.paused ? 'warning' : undefined) : 'critical';
    out.push(line(`${b.name.padEnd(24)} ${b.database.padEnd(9)} ${last}, ${b.versions.length} versions${b.paused ? ', PAUSED' : ''}`, tone, 25));
  }
  if (owned.length === 0) out.push(line('none known (no backup component names it as owner)', 'muted'));
  const dbs = (p.workloads ?? []).filter((w) => w.database);
  for (const w of dbs) {
    out.push(line(`${w.kind} ${w.namespace}/${w.name}: ${w.ready}/${w.desired} ready`, w.ready > 0 || w.desired === 0 ? undefined : 'critical'));
  }
  if (p.nodes?.length) {
    out.push(blank, heading(`Nodes (${p.nodes.length})`));
    for (const n of p.nodes) {
      const tone = n.ready === 'True' ? (n.pressures.length ? 'warning' : undefined) : 'critical';
      out.push(line(`${n.name.padEnd(20)} Ready ${n.ready}${n.kubeletVersion ? `  ${n.kubeletVersion}` : ''}${n.pressures.length ? `  ${n.pressures.join(', ')}` : ''}`, tone));
    }
  }
  const others = (p.workloads ?? []).filter((w) => !w.database && w.ready < w.desired);
  const pods = p.podProblems ?? [];
  if (others.length || pods.length) {
    out.push(blank, heading('Not ready'));
    for (const w of others) out.push(line(`${w.kind} ${w.namespace}/${w.name}: ${w.ready}/${w.desired} ready`, 'warning'));
    for (const pod of pods) out.push(line(`pod ${pod.namespace}/${pod.name}: ${pod.reason} (${pod.restarts} restarts)`, 'warning'));
  }
  const mine = planeFindings(p, findings, s.backups);
  out.push(blank, heading(`Findings (${mine.length})`));
  for (const f of mine) out.push(line(f.summary, SEVERITY_TONE[f.severity]), line(`-> ${f.hint}`, undefined, 3));
  if (mine.length === 0) out.push(line('none', 'muted'));
  return out;
}
