import { confirmationText, versionName } from '../../backups/judge';
import type { Flow, RunContext } from './run-context';
import type { Step, StepContext, VersionChoice, VersionOffer } from './types';

/**
 * A step's version question, asked before its actions are computed. The offer is the backup judge's verdict from
 * the snapshot (the same one every pane and `status` shows). The answer is checked here, not trusted from the
 * view: a version not in the bucket or a typed confirmation that does not match cancels the run before anything
 * destructive happens. What was typed is never stored, only whether it matched.
 */
export async function askChoice(rc: RunContext, step: Step): Promise<Flow> {
  const q = step.question;
  if (!q || rc.journal.data.choices[step.id]) return 'ok';
  for (;;) {
    const ctx = rc.stepContext(step);
    const offer = buildOffer(q.componentId, ctx);
    if (typeof offer === 'string') {
      // The data may simply not be there yet (a source still loading): let the operator retry.
      const decision = await rc.failure(step, offer);
      if (decision === 'retry') continue;
      return decision;
    }
    rc.emit({ type: 'question', stepId: step.id, offer });
    const answer = await rc.ask(() => rc.o.interaction.chooseVersion(step, offer, ctx));
    const chosen = answer && offer.verdict.versions.find((v) => v.version.versionId === answer.versionId);
    if (!answer || !chosen) {
      return cancel(rc, step, answer ? `${q.componentId} has no version ${answer.versionId}: nothing was restored` : `no version of ${q.componentId} was chosen: nothing was restored`);
    }
    const expected = confirmationText(offer.component, chosen);
    // Outer whitespace (a trailing newline from a line prompt) is not a different answer; anything else is.
    if (answer.typed.trim() !== expected) {
      return cancel(rc, step, `the typed confirmation did not match "${expected}": nothing was restored`);
    }
    const proposed = offer.verdict.proposal?.version.versionId;
    const newestSeen = offer.component.versions[0]?.versionId;
    const choice: VersionChoice = {
      componentId: q.componentId,
      versionId: chosen.version.versionId,
      name: versionName(offer.component, chosen.version),
      versionTime: chosen.version.time,
      size: chosen.version.size,
      ...(proposed ? { proposed } : {}),
      flags: chosen.flags,
      ...(newestSeen ? { newestSeen } : {}),
    };
    rc.update((d) => {
      d.choices[step.id] = { ...choice, flags: [...choice.flags] };
    });
    const override = chosen.flags.length > 0 ? `; OVERRIDE: chosen although flagged ${chosen.flags.join(', ')}` : '';
    rc.audit({ event: 'answer', step: step.id, outcome: 'confirmed', choice, detail: `restore ${q.componentId} version ${choice.versionId}${proposed && proposed !== choice.versionId ? ` (proposed ${proposed})` : ''}${override}` });
    rc.emit({ type: 'answer', stepId: step.id, choice });
    return 'ok';
  }
}

function cancel(rc: RunContext, step: Step, reason: string): Flow {
  rc.reason = reason;
  rc.audit({ event: 'answer', step: step.id, outcome: 'cancelled', detail: reason });
  return 'cancel';
}

/** The judge's verdict on the component, or why there is nothing to offer. */
export function buildOffer(componentId: string, ctx: StepContext): VersionOffer | string {
  const component = ctx.snapshot.backups.find((b) => b.id === componentId);
  const verdict = ctx.snapshot.backupVerdicts.get(componentId);
  if (!component || !verdict) return `backup component ${componentId} is not in the rack data`;
  if (component.versions.length === 0) return `backup component ${componentId} has no versions to restore`;
  const incidentStart = ctx.snapshot.incident?.startedAt;
  return { component, verdict, takenAt: ctx.snapshot.takenAt, ...(incidentStart !== undefined ? { incidentStart } : {}) };
}
