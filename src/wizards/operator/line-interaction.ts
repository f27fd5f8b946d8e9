import { versionName } from '../../backups/judge';
import type { JudgedVersion } from '../../model/backup';
import type { ResumeDecision, UnfinishedRun } from '../engine/durable';
import type { ByHandCheck, Interaction, Print, VersionAnswer, VersionOffer } from '../engine/types';
import { SCENARIO_PARAM } from '../runbooks/scenario';
import { expectedText, restorePlanLines, typedLines } from './choice-lines';
import { actionLines, versionLines, wrap } from './line-format';

export type { Print } from '../engine/types';

/** One line of input; undefined when input ended (Ctrl-D, closed pipe), which never counts as a yes. */
export type AskLine = (prompt: string) => Promise<string | undefined>;

/**
 * The line-mode operator: each step is shown with its planned actions and run, skipped or aborted; a version is
 * picked from the full list (a typo asks again); a restore needs the exact confirmation text, and a flagged
 * version the override word too. A confirmation that does not match cancels the run: nothing is restored.
 */
export function createLineInteraction(askLine: AskLine, print: Print): Interaction {
  return {
    answeredBy: 'human',
    async confirmStep(_step, actions) {
      for (const l of actionLines(actions)) print(l);
      for (;;) {
        const a = (await askLine('   run, skip or abort? [Enter = run, s, a] '))?.trim().toLowerCase();
        if (a === undefined || a === 'a' || a === 'abort') return 'abort';
        if (a === '' || a === 'r' || a === 'run') return 'run';
        if (a === 's' || a === 'skip') return 'skip';
        print('   please answer Enter or r (run), s (skip) or a (abort)');
      }
    },
    async confirmTyped(_step, actions, request) {
      for (const l of actionLines(actions)) print(l);
      for (const l of typedLines(request)) print(`   ${l}`);
      const typed = await askLine('   > ');
      // The runner checks it (and records only whether it matched); a mismatch cancels the run.
      if (typed === undefined || typed.trim() !== request.text) print('   That does not match: cancelled, nothing was done.');
      return typed;
    },
    async chooseVersion(_step, offer) {
      const chosen = await pickVersion(offer, askLine, print);
      if (!chosen) return undefined;
      for (const l of restorePlanLines(offer, chosen)) print(`   ${l}`);
      const expected = expectedText(offer, chosen);
      print(`   Type exactly: ${expected}`);
      const typed = await askLine('   > ');
      // The runner checks it (and records only whether it matched); a mismatch cancels the run.
      if (typed === undefined || typed.trim() !== expected) print('   That does not match: cancelled, nothing was restored.');
      return typed === undefined ? undefined : { versionId: chosen.version.versionId, typed } satisfies VersionAnswer;
    },
    async confirmByHand(_step, check) {
      for (const l of byHandLines(check).flatMap((p) => wrap(p, 76))) print(`   ${l}`);
      for (;;) {
        const a = (await askLine('   checked by hand and it holds? [y = confirmed, a = abort] '))?.trim().toLowerCase();
        if (a === undefined || a === 'a' || a === 'abort') return 'abort';
        if (a === 'y' || a === 'yes') return 'confirmed';
        print('   please answer y (you checked it by hand and it holds) or a (abort); wait until it holds before answering y');
      }
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

/** What a by-hand check asks, the same on the line and on the full screen (each paragraph wrapped by its caller). */
export function byHandLines(check: ByHandCheck): string[] {
  // A step's verify names why in its description already ("… (by hand: no metalApi: in the config)").
  const what = check.description.includes(check.why) ? check.description : `${check.description} (${check.why})`;
  return [`Not read from a live source. Confirm by hand: ${what}.`, `How: ${check.instruction}`];
}

/** Numbered list, Enter takes the proposal; a typo asks again (nothing happens until the typed confirmation). */
async function pickVersion(offer: VersionOffer, askLine: AskLine, print: Print): Promise<JudgedVersion | undefined> {
  const versions = offer.verdict.versions;
  print(`   Versions of ${offer.component.id}, newest first (> proposed, ! flagged):`);
  for (const l of versionLines(offer)) print(l);
  const proposed = offer.verdict.proposal;
  const number = proposed ? versions.indexOf(proposed) + 1 : undefined;
  if (!proposed) print('   No version looks good: choose one yourself, or press Enter to cancel.');
  for (;;) {
    const a = (await askLine(`   version number or id${number ? ` [Enter = ${number}]` : ''}: `))?.trim();
    if (a === undefined) return undefined;
    if (a === '') return proposed;
    const byNumber = /^\d+$/.test(a) ? versions[Number(a) - 1] : undefined;
    const byName = versions.filter((v) => a.length >= 8 && versionName(offer.component, v.version).startsWith(a));
    const chosen = byNumber ?? (byName.length === 1 ? byName[0] : undefined);
    if (chosen) return chosen;
    print(`   "${a}" is not one of the versions: give its number (1-${versions.length}) or at least 8 characters of its id.`);
  }
}

/** Asks whether to resume an unfinished run, start over, or quit: an old run is never taken over silently. */
export async function askResume(run: UnfinishedRun, askLine: AskLine, print: Print): Promise<ResumeDecision> {
  for (const l of resumeLines(run)) print(l);
  for (;;) {
    const a = (await askLine('Resume it, start over, or quit? [r/f/q] '))?.trim().toLowerCase();
    if (a === undefined || a === 'q' || a === 'quit') return 'quit';
    if (a === 'r' || a === 'resume') return 'resume';
    if (a === 'f' || a === 'fresh' || a === 'start over') return 'fresh';
    print('please answer r (resume), f (start over) or q (quit)');
  }
}

/** What the operator must know before choosing: whose run, when, what it did, what starting over repeats. */
export function resumeLines(run: UnfinishedRun): string[] {
  const scenario = run.params[SCENARIO_PARAM];
  return [
    `An unfinished run of ${scenario ?? 'this runbook'} exists: run ${run.runId} by ${run.operator}${run.startedAt ? `, started ${run.startedAt}` : ''}.`,
    `  Steps done: ${run.stepsDone.length ? run.stepsDone.join(', ') : 'none'}.`,
    ...(run.destructiveDone.length ? [`  It already did (starting over may repeat it): ${run.destructiveDone.join('; ')}.`] : []),
  ];
}
