import type { Flow, RunContext } from './run-context';
import type { Answer, Question, QuestionOffer, Step, StepContext } from './types';
import { assessVersions, preselectVersion } from '../version-choice';

/**
 * Questions come before a step's actions are computed. Answers are checked here, not trusted from the view:
 * a version that is not in the bucket or a typed confirmation that does not match cancels the run before
 * anything destructive happens.
 */
export async function askQuestions(rc: RunContext, step: Step): Promise<Flow> {
  for (const question of step.questions ?? []) {
    if (Object.hasOwn(rc.journal.data.answers, question.key)) continue;
    for (;;) {
      const ctx = rc.stepContext();
      const offer = buildOffer(question, ctx);
      if (typeof offer === 'string') {
        // The data may simply not be there yet (a source still loading): let the operator retry.
        const decision = await rc.failure(step, offer);
        if (decision === 'retry') continue;
        return decision;
      }
      const answer = await rc.o.interaction.ask(question, ctx, offer);
      const problem = answer === undefined ? 'no answer given' : checkAnswer(question, ctx, offer, answer);
      if (problem !== undefined || answer === undefined) {
        rc.reason = `${question.key}: ${problem}`;
        rc.audit({ event: 'answer', step: step.id, outcome: 'cancelled', detail: rc.reason });
        return 'cancel';
      }
      rc.update((d) => {
        d.answers[question.key] = answer;
      });
      rc.audit({ event: 'answer', step: step.id, outcome: 'answered', detail: `${question.key}=${answer}` });
      break;
    }
  }
  return 'ok';
}

/** What the operator is offered; a string explains why nothing can be offered. */
export function buildOffer(question: Question, ctx: StepContext): QuestionOffer | string {
  switch (question.kind) {
    case 'choose-version': {
      const component = ctx.snapshot.backups.find((b) => b.id === question.componentId);
      if (!component) return `backup component ${question.componentId} is not in the rack data`;
      if (component.versions.length === 0) return `backup component ${question.componentId} has no versions to restore`;
      const versions = assessVersions(component, ctx.incidentStart);
      const preselected = preselectVersion(versions)?.version.versionId;
      return { versions, ...(preselected ? { preselected } : {}) };
    }
    case 'choose': {
      const options = question.options(ctx);
      const preselected = options.find((o) => o.preselected)?.value;
      return { options, ...(preselected !== undefined ? { preselected } : {}) };
    }
    case 'confirm-typed':
      return {};
  }
}

function checkAnswer(question: Question, ctx: StepContext, offer: QuestionOffer, answer: Answer): string | undefined {
  switch (question.kind) {
    case 'choose-version':
      return offer.versions?.some((v) => v.version.versionId === answer) ? undefined : `${question.componentId} has no version ${answer}`;
    case 'choose':
      return offer.options?.some((o) => o.value === answer) ? undefined : `"${answer}" is not one of the options`;
    case 'confirm-typed': {
      const expected = question.expected(ctx);
      // Outer whitespace (a trailing newline from a line prompt) is not a different answer; anything else is.
      return answer.trim() === expected ? undefined : `typed "${answer.trim()}", expected "${expected}"`;
    }
  }
}
