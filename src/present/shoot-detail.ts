import type { Shoot } from '../model/shoot';
import type { EpochMs } from '../model/time';
import { blank, type DetailLine, facts, heading, line } from './detail-lines';
import { formatAge } from '../text/format-age';
import { hibernationCell, lastOperationCell, statusCell } from './shoot-cells';
import { shootKey } from './shoot-rows';

/** Every condition, the last errors and the worker pools of one shoot. */
export function shootDetail(s: Shoot, now: EpochMs): DetailLine[] {
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
    out.push(line(`${c.type.padEnd(31)} ${c.status.padEnd(8)} ${c.reason ?? ''}${since}`, tone));
    if (c.message && c.status !== 'True') out.push(line(`    ${c.message}`, tone));
  }
  out.push(blank, heading(`Last errors (${s.lastErrors.length})`));
  for (const e of s.lastErrors) {
    out.push(line(`${e.description}${e.codes?.length ? ` [${e.codes.join(', ')}]` : ''}`, 'critical'));
  }
  if (s.lastErrors.length === 0) out.push(line('none', 'muted'));
  out.push(blank, heading('Workers'));
  for (const w of s.workers) {
    const tone = w.current !== undefined && w.current < w.minimum ? 'critical' : undefined;
    out.push(line(`${w.name.padEnd(12)} ${w.machineType.padEnd(14)} min ${w.minimum}  max ${w.maximum}  ready ${w.current ?? '?'}`, tone));
  }
  return out;
}
