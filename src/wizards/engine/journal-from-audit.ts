import { join } from 'node:path';
import { EXIT_CODE, RackpilotError } from '../../errors';
import type { AuditEntry } from './audit';
import { Journal, setAsideBroken } from './journal';
import { JOURNAL_FORMAT, type JournalAction, type JournalData, type JournalStep } from './journal-schema';

/**
 * Rebuilds the journal of an unfinished run from the audit log, its second record: which steps ended how, which
 * actions finished (with their effects, so a simulated rack can be replayed), which versions were chosen. An
 * action that started but has no end in the log counts as interrupted, so a destructive one is never repeated
 * without the operator's word. The unreadable journal is kept beside it as `*.broken`.
 */
export function journalFromAudit(entries: readonly AuditEntry[], runsDir: string, brokenFile: string): Journal {
  const start = entries.find((e) => e.event === 'run-start');
  const first = entries[0];
  if (!start || !first) throw new RackpilotError(`the audit log has no start of run ${first?.runId ?? '?'}`, { exitCode: EXIT_CODE.journal });
  const at = (e: AuditEntry | undefined) => e?.at ?? Date.parse(e?.time ?? '');
  const steps = new Map<string, JournalStep>();
  const step = (id: string) => {
    let s = steps.get(id);
    if (!s) {
      s = { id, title: id, state: 'pending', actions: [] };
      steps.set(id, s);
    }
    return s;
  };
  const choices: JournalData['choices'] = {};
  for (const e of entries) {
    if (!e.step) continue;
    const s = step(e.step);
    if (e.event === 'step-start') s.startedAt ??= at(e);
    if (e.event === 'step-end' && (e.outcome === 'done' || e.outcome === 'skipped')) {
      s.state = e.outcome;
      s.endedAt = at(e);
    }
    if (e.event === 'answer' && e.outcome === 'confirmed' && e.choice) choices[e.step] = { ...e.choice, flags: [...e.choice.flags] };
    if ((e.event === 'action-start' || e.event === 'action-end') && e.action) {
      let a = s.actions.find((x) => x.id === e.action?.id);
      if (!a) {
        a = { id: e.action.id, description: e.action.description, destructive: e.action.destructive === true, state: 'pending' } as JournalAction;
        s.actions.push(a);
      }
      if (e.effect) a.effect = structuredClone(e.effect) as JournalAction['effect'];
      if (e.event === 'action-start' && e.outcome !== 'planned') {
        a.state = 'running';
        a.startedAt = at(e);
      }
      if (e.event === 'action-end') {
        a.state = e.outcome === 'ok' ? 'done' : 'failed';
        a.endedAt = at(e);
      }
    }
  }
  for (const s of steps.values()) if (s.state === 'pending' && s.startedAt !== undefined) s.state = 'running';
  const last = entries.reduce((m, e) => Math.max(m, at(e) || 0), 0);
  const data: JournalData = {
    format: JOURNAL_FORMAT,
    runId: first.runId,
    runbookId: first.runbook,
    rack: first.rack,
    operator: first.operator,
    params: { ...start.params },
    dryRun: false,
    startedAt: at(start),
    updatedAt: last,
    state: 'running',
    operatorMs: 0,
    choices,
    steps: [...steps.values()],
  };
  setAsideBroken(brokenFile);
  return Journal.restore(join(runsDir, `${first.runId}.json`), data);
}
