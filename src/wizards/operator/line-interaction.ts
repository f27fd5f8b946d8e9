import { formatAge } from '../../text/format-age';
import type { Interaction, Question, QuestionOffer, RunEvent, Runbook, StepContext } from '../engine/types';
import { actionLines, stepHeader, versionLines, wrap } from './line-format';

/** One line of input; undefined when input ended (Ctrl-D, closed pipe), which never counts as a yes. */
export type AskLine = (prompt: string) => Promise<string | undefined>;
export type { Print } from '../engine/types';
import type { Print } from '../engine/types';

/**
 * The line-mode operator: each step is shown with its planned actions and run, skipped or aborted; a version is
 * picked from the full list; a destructive step needs the exact confirmation text. A wrong entry cancels.
 */
export function createLineInteraction(askLine: AskLine, print: Print): Interaction {
  return {
    async confirmStep(_step, actions) {
      for (const l of actionLines(actions)) print(l);
      for (;;) {
        const a = (await askLine('   run, skip or abort? [r/s/a] '))?.trim().toLowerCase();
        if (a === undefined || a === 'a' || a === 'abort') return 'abort';
        if (a === 'r' || a === 'run') return 'run';
        if (a === 's' || a === 'skip') return 'skip';
        print('   please answer r (run), s (skip) or a (abort)');
      }
    },
    async ask(question, ctx, offer) {
      return answer(question, ctx, offer, askLine, print);
    },
    async onFailure(_step, error) {
      for (const l of wrap(`failed: ${error}`, 76)) print(`   ${l}`);
      for (;;) {
        const a = (await askLine('   retry, skip or abort? [r/s/a] '))?.trim().toLowerCase();
        if (a === undefined || a === 'a' || a === 'abort') return 'abort';
        if (a === 'r' || a === 'retry') return 'retry';
        if (a === 's' || a === 'skip') return 'skip';
      }
    },
  };
}

async function answer(question: Question, ctx: StepContext, offer: QuestionOffer, askLine: AskLine, print: Print): Promise<string | undefined> {
  switch (question.kind) {
    case 'choose-version': {
      const versions = offer.versions ?? [];
      print(`   Versions of ${question.componentId}, newest first:`);
      for (const l of versionLines(offer, ctx.incidentStart)) print(l);
      const proposed = versions.findIndex((v) => v.version.versionId === offer.preselected);
      if (proposed < 0) print('   No version looks good: choose one yourself, or press Enter to cancel.');
      const a = (await askLine(`   version number or id${proposed >= 0 ? ` [Enter = ${proposed + 1}]` : ''}: `))?.trim();
      if (a === undefined) return undefined;
      if (a === '') return offer.preselected;
      const byNumber = /^\d+$/.test(a) ? versions[Number(a) - 1] : undefined;
      const byId = versions.filter((v) => a.length >= 8 && v.version.versionId.startsWith(a));
      const chosen = byNumber ?? (byId.length === 1 ? byId[0] : undefined);
      if (!chosen) {
        print(`   "${a}" is not one of the versions: cancelled, nothing restored.`);
        return undefined;
      }
      if (!chosen.good) print(`   warning: this version looks wrong (${chosen.flags.join(', ')}); you will have to confirm it.`);
      return chosen.version.versionId;
    }
    case 'confirm-typed': {
      const expected = question.expected(ctx);
      print(`   ${question.prompt}.`);
      print(`   Type exactly: ${expected}`);
      const a = await askLine('   > ');
      // A mismatch is handed to the runner as typed: it cancels the run and records what was typed.
      if (a === undefined || a.trim() !== expected) print('   That does not match: cancelled, nothing was changed by this step.');
      return a?.trim();
    }
    case 'choose': {
      const options = offer.options ?? [];
      print(`   ${question.prompt}`);
      for (const [i, o] of options.entries()) print(`   ${String(i + 1).padStart(3)}  ${o.label}${o.value === offer.preselected ? '  <- proposed' : ''}`);
      const a = (await askLine('   number [Enter = proposed]: '))?.trim();
      if (a === undefined) return undefined;
      if (a === '') return offer.preselected;
      return options[Number(a) - 1]?.value;
    }
  }
}

/** Prints the run as it happens: step headers, actions and their output, verify progress (only when it changes). */
export function createLinePrinter(runbook: Runbook, print: Print): (e: RunEvent) => void {
  const index = new Map(runbook.steps.map((s, i) => [s.id, i]));
  const started = new Map<string, number>();
  let lastVerify = '';
  return (e) => {
    switch (e.type) {
      case 'step-start': {
        const i = index.get(e.stepId) ?? 0;
        const step = runbook.steps[i];
        if (step) for (const l of stepHeader(step, i, runbook.steps.length)) print(l);
        started.set(e.stepId, e.at);
        break;
      }
      case 'precondition':
        if (!e.result.ok) print(`   precondition not met: ${e.check}: ${e.result.detail}`);
        break;
      case 'action-start':
        print(e.dryRun ? `   (dry run) would run: ${e.action.description}` : `   > ${e.action.description}`);
        break;
      case 'output':
        print(`     ${e.line}`);
        break;
      case 'action-end':
        if (!e.outcome.ok) print(`   ! failed: ${e.outcome.error ?? `exit code ${e.outcome.exitCode}`}`);
        break;
      case 'verify': {
        const line = `${e.result.ok ? 'verified' : 'waiting'}: ${e.result.detail}`;
        if (line !== lastVerify) print(`   ${line}`);
        lastVerify = line;
        break;
      }
      case 'step-end': {
        const from = started.get(e.stepId);
        if (from === undefined) {
          // Finished before a resumed run started: listed so the operator sees the whole runbook, never re-run.
          const i = index.get(e.stepId) ?? 0;
          print(`   step ${i + 1}/${runbook.steps.length} ${runbook.steps[i]?.title ?? e.stepId}: ${e.state} before the interruption, not repeated`);
        } else print(`   -> ${e.state} after ${formatAge(e.at - from)}`);
        break;
      }
      case 'run-end':
        print('');
        print(`Run ${e.state} at ${new Date(e.at).toISOString()} (rack time).`);
        break;
      case 'run-start':
        if (e.resumed) print('Resuming an interrupted run: steps already done are not repeated.');
        break;
    }
  };
}
