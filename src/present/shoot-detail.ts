import type { Machine } from '../model/machine';
import type { Shoot } from '../model/shoot';
import type { EpochMs } from '../model/time';
import { alignedLine, blank, type DetailLine, facts, heading, line } from './detail-lines';
import { formatAge } from '../text/format-age';
import { hibernationCell, lastOperationCell, statusCell } from './shoot-cells';
import { shootKey } from '../model/shoot';

/**
 * Every condition, the last errors, the worker pools of one shoot, and the machines it runs on: its firewall and
 * workers as metal-stack allocated them, with their liveliness and phase, so a NotReady node leads to its box.
 */
export function shootDetail(s: Shoot, now: EpochMs, machines: readonly Machine[] = []): DetailLine[] {
  const op = s.lastOperation;
  const out: DetailLine[] = [
    heading(`Shoot ${shootKey(s)}`),
    ...facts([
      ['namespace', s.namespace],
      ['technical id', s.technicalId],
      ['seed', s.seed],
      ['kubernetes', s.kubernetesVersion],
      ['purpose', s.purpose],
      ['partition', s.partition],
      ['status', statusCell(s)],
      ['hibernation', hibernationCell(s)],
      ['cloud profile', s.cloudProfile ? `${s.cloudProfile} (${s.provider ?? '?'}, region ${s.region ?? '?'})` : undefined],
      ['gardener', s.gardenerVersion],
      ['age', s.createdAt !== undefined ? formatAge(now - s.createdAt) : undefined],
      ['hosts', s.hosts?.join(', ')],
      ['last operation', op ? `${lastOperationCell(s)} ${formatAge(now - op.lastUpdateTime)} ago` : lastOperationCell(s)],
      ['', op?.description],
    ]),
    blank,
    heading('Conditions'),
  ];
  for (const c of s.conditions) {
    const tone = c.status === 'True' ? undefined : c.status === 'False' ? 'critical' : 'warning';
    const since = c.lastTransitionTime !== undefined ? ` (since ${formatAge(now - c.lastTransitionTime)})` : '';
    // A long reason wraps under itself, not under the condition's name.
    out.push(alignedLine(`${c.type.padEnd(31)} ${c.status.padEnd(8)} ${c.reason ?? ''}${since}`, tone, 41));
    if (c.message && c.status !== 'True') out.push(alignedLine(`    ${c.message}`, tone, 4));
  }
  out.push(blank, heading(`Last errors (${s.lastErrors.length})`));
  for (const e of s.lastErrors) {
    out.push(line(`${e.description}${e.codes?.length ? ` [${e.codes.join(', ')}]` : ''}`, 'critical'));
  }
  if (s.lastErrors.length === 0) out.push(line('none', 'muted'));
  out.push(blank, heading('Workers'));
  for (const w of s.workers) {
    const tone = w.current !== undefined && w.current < w.minimum ? 'critical' : undefined;
    out.push(alignedLine(`${w.name.padEnd(12)} ${w.machineType.padEnd(14)} min ${w.minimum}  max ${w.maximum}  ready ${w.current ?? '?'}`, tone));
  }
  out.push(blank, ...shootMachines(shootKey(s), machines, now));
  return out;
}

/** The shoot's machines, firewall first: "firewall machine01  Alive  Phoned Home 3d  shoot--p1--c1-firewall-…". */
function shootMachines(key: string, machines: readonly Machine[], now: EpochMs): DetailLine[] {
  const mine = machines
    .filter((m) => m.allocation?.cluster === key)
    .sort((a, b) => Number(b.role === 'firewall') - Number(a.role === 'firewall') || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const out: DetailLine[] = [heading(`Machines (${mine.length})`)];
  for (const m of mine) {
    const tone = m.liveliness === 'Dead' ? 'critical' : m.liveliness === 'Unknown' ? 'warning' : undefined;
    const phase = m.phase ? `${m.phase}${m.phaseSince !== undefined ? ` ${formatAge(now - m.phaseSince)}` : ''}` : '-';
    // The node name is long: where it wraps, it continues under the machine's name.
    out.push(alignedLine(`${m.role.padEnd(8)} ${m.name.padEnd(12)} ${m.liveliness.padEnd(8)} ${phase.padEnd(18)} ${m.allocation?.hostname ?? m.allocation?.name ?? ''}`, tone, 9));
  }
  if (mine.length === 0) out.push(line('none known (no machine source, or none allocated to it)', 'muted'));
  return out;
}

