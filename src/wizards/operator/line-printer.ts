import { formatAge } from '../../text/format-age';
import type { Print, RunEvent, Runbook } from '../engine/types';
import { callText } from '../engine/calls';
import { typedLines } from './choice-lines';
import { stepHeader } from './line-format';

/**
 * Prints a run as it happens: step headers, actions and their output, verify progress (only when it changes, so
 * a wait reads as one line, not one per poll), the version chosen and whether it overrode the judge.
 */
export function createLinePrinter(runbook: Runbook, print: Print, dryRun = false): (e: RunEvent) => void {
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
        lastVerify = '';
        break;
      }
      case 'precondition':
        // A by-hand check is asked for in a real run; a plan says it will be.
        if (e.result.byHand !== undefined) {
          if (dryRun) print(`   (dry run) would ask you to confirm by hand: ${e.check} (${e.result.detail})`);
        } else if (!e.result.ok) print(`   precondition not met: ${e.check}: ${e.result.detail}`);
        break;
      case 'by-hand':
        print(`   ${e.decision === 'confirmed' ? 'confirmed by hand' : 'not confirmed by hand'}: ${e.check.description}`);
        break;
      case 'answer': {
        const c = e.choice;
        const override = c.flags.length ? `  OVERRIDE of a flagged version (${c.flags.join(', ')})` : '';
        print(`   chosen: ${c.componentId} version ${c.name}${c.proposed && c.proposed !== c.versionId ? ` (proposed ${c.proposed})` : ''}${override}`);
        break;
      }
      case 'typed-confirmation':
        // A real run's question prints this itself; a dry run asks nothing and says what it would ask.
        if (e.dryRun) for (const l of typedLines(e.request)) print(`   (dry run) ${l.replace(/^Type exactly:/, 'would ask you to type exactly:')}`);
        break;
      case 'action-start':
        print(e.dryRun ? `   (dry run) would run: ${e.action.description}` : `   > ${e.action.description}`);
        // A plan names every call exactly; a real run's executor shows each call as it runs it.
        if (e.dryRun) for (const c of e.action.calls) print(`       ${callText(c)}`);
        break;
      case 'output':
        print(`     ${e.line}`);
        break;
      case 'action-end':
        if (!e.outcome.ok) print(`   ! failed: ${e.outcome.error ?? `exit code ${e.outcome.exitCode}`}`);
        break;
      case 'verify': {
        if (e.result.byHand !== undefined) break;
        const line = `${e.result.ok ? 'verified' : 'waiting'}: ${e.result.detail}`;
        if (line !== lastVerify) print(`   ${line}${e.result.ok ? '' : ` (gives up in ${formatAge(Math.max(0, e.deadline - e.at))})`}`);
        lastVerify = line;
        break;
      }
      case 'step-end': {
        const from = started.get(e.stepId);
        if (from === undefined) {
          // Finished before a resumed run started: listed so the operator sees the whole runbook, never re-run.
          const i = index.get(e.stepId) ?? 0;
          print(`   step ${i + 1}/${runbook.steps.length} ${runbook.steps[i]?.title ?? e.stepId}: ${e.state} before the interruption, not repeated`);
        } else {
          // A plan says how each step would be verified: from which live source, or by hand.
          const verify = runbook.steps[index.get(e.stepId) ?? -1]?.verify;
          if (e.state === 'planned' && verify) print(`   (dry run) would verify: ${verify.description}`);
          print(`   -> ${e.state}${e.state === 'planned' ? '' : ` after ${formatAge(e.at - from)}`}`);
        }
        break;
      }
      case 'run-start':
        if (e.resumed) print('Resuming an interrupted run: steps already done are not repeated.');
        break;
      case 'question':
      case 'run-end':
        break;
    }
  };
}
