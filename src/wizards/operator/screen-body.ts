import type { WizardScope } from '../../present/key-bindings';
import type { Tone } from '../../present/rows';
import { callText } from '../engine/calls';
import { wrap } from './line-format';
import { byHandLines, resumeLines } from './line-interaction';
import { logLine } from './screen-lines';
import type { SessionState } from './session';

/** One line of the wizard screen's scrollable body. */
export interface BodyLine {
  readonly text: string;
  readonly tone?: Tone | 'accent';
  readonly bold?: boolean;
}

const para = (text: string, width: number, extra: Omit<BodyLine, 'text'> = {}, indent = ''): BodyLine[] =>
  wrap(text, Math.max(10, width - indent.length)).map((l) => ({ text: `${indent}${l}`, ...extra }));

/**
 * Everything about the current step, in full (never cut): notes, the explanation, the planned or running actions
 * with their exact calls, a failure, and the log with repeated progress collapsed. The view scrolls it.
 */
export function stepBody(s: SessionState, width: number): BodyLine[] {
  const out: BodyLine[] = [];
  for (const n of s.notes) out.push(...para(n, width, { tone: 'accent', bold: true }));
  if (s.notes.length) out.push({ text: '' });
  const step = s.runbook.steps.find((x) => x.id === s.currentStepId);
  const p = s.prompt;
  if (step) out.push({ text: `${step.title}${step.destructive ? '  [DESTRUCTIVE]' : ''}`, bold: true });
  // Asked to run a step, the operator reads first what exactly it will do; the why follows.
  const asked = p?.kind === 'confirm-step' || p?.kind === 'confirm-typed';
  const actions = asked || s.actions.length ? actionLines(s, width) : [];
  // A step confirmed by typing destroys something on purpose: what it will do comes first, in red.
  if (p?.kind === 'confirm-typed') out.push(...p.request.what.flatMap((l) => para(l, width, { tone: 'critical', bold: true })), { text: '' });
  if (asked) out.push(...actions);
  if (step) out.push(...para(step.explanation, width), { text: '' });
  if (!asked) out.push(...actions);
  if (p?.kind === 'failure') out.push(...para(`Failed: ${p.error}`, width, { tone: 'critical', bold: true }), { text: '' });
  if (p?.kind === 'by-hand') out.push(...byHandLines(p.check).flatMap((l) => para(l, width, { tone: 'accent', bold: true })), { text: '' });
  if (s.log.length) {
    out.push({ text: 'Log:', bold: true });
    for (const l of s.log) out.push(...para(logLine(l), width, { tone: 'muted' }, '  '));
  }
  return out;
}

function actionLines(s: SessionState, width: number): BodyLine[] {
  const out: BodyLine[] = [{ text: s.prompt?.kind === 'confirm-step' || s.prompt?.kind === 'confirm-typed' ? 'Planned actions (nothing has run yet):' : 'Actions:', bold: true }];
  if (s.actions.length === 0) out.push({ text: '  none: this step only checks', tone: 'muted' });
  for (const { action, state } of s.actions) {
    const mark = state === 'done' ? '[x]' : state === 'running' ? '[>]' : state === 'failed' ? '[!]' : '[ ]';
    out.push(...para(`${mark} ${action.destructive ? 'DESTRUCTIVE ' : ''}${action.description}`, width, action.destructive ? { tone: 'critical' } : {}, '  '));
    for (const c of action.calls) out.push(...para(callText(c), width, { tone: 'muted' }, '      '));
  }
  out.push({ text: '' });
  return out;
}

/** The end of the run: the summary (and a dry run's whole plan, step by step), or a note that it is being written. */
export function summaryBody(s: SessionState, width: number): BodyLine[] {
  const lines = s.summary ?? [`Run ${s.ended?.state ?? 'ended'}${s.ended?.reason ? `: ${s.ended.reason}` : ''}.`];
  const summary = lines.flatMap((l, i) => para(l, width, i === 0 ? { bold: true, tone: s.ended?.state === 'done' ? 'ok' : 'critical' } : l.startsWith('  !') ? { tone: 'critical' } : {}));
  return s.dryRun ? [...summary, { text: '' }, ...planBody(s, width)] : summary;
}

/** Every step of a dry run in order: what it is for and exactly what it would run. */
function planBody(s: SessionState, width: number): BodyLine[] {
  const out: BodyLine[] = [{ text: 'The plan, step by step (↑/↓ PgUp/PgDn to read it):', bold: true }];
  for (const [i, step] of s.runbook.steps.entries()) {
    out.push({ text: '' }, { text: `${i + 1}. ${step.title}${step.destructive ? '  [DESTRUCTIVE]' : ''}`, bold: true }, ...para(step.explanation, width, {}, '   '));
    for (const a of s.planned.get(step.id) ?? []) {
      out.push(...para(`- ${a.description}`, width, {}, '   '));
      for (const c of a.calls) out.push(...para(callText(c), width, { tone: 'muted' }, '       '));
    }
    // How the step would be verified: from which live source, or by hand.
    if (step.verify) out.push(...para(`verified: ${step.verify.description}`, width, { tone: 'muted' }, '   '));
  }
  return out;
}

export function resumeBody(s: SessionState, width: number): BodyLine[] {
  const p = s.prompt;
  if (p?.kind !== 'resume') return [];
  return [
    ...resumeLines(p.run).flatMap((l) => para(l, width)),
    { text: '' },
    ...s.notes.flatMap((n) => [...para(n, width, { tone: 'accent', bold: true }), { text: '' }]),
    ...para('Resume it where it stopped, set it aside and start over, or quit without changing anything?', width, { bold: true }),
  ];
}

/** Which keys the wizard takes right now: its footer and its key handler both read this. */
export function wizardScope(s: SessionState, typing: boolean): WizardScope {
  if (s.ended) return 'wizard-end';
  switch (s.prompt?.kind) {
    case 'confirm-step':
      return 'wizard-step';
    case 'failure':
      return 'wizard-failure';
    case 'by-hand':
      return 'wizard-by-hand';
    case 'resume':
      return 'wizard-resume';
    case 'choose-version':
      return typing ? 'wizard-typed' : 'wizard-version';
    case 'confirm-typed':
      return 'wizard-typed-step';
    default:
      return 'wizard-running';
  }
}
