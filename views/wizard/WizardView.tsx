import { Box, Text } from 'ink';
import { useRef, useState, useSyncExternalStore } from 'react';
import { matchBinding } from '../../src/present/key-matcher';
import { truncate } from '../../src/present/table-layout';
import { type BodyLine, resumeBody, stepBody, summaryBody, wizardScope } from '../../src/wizards/operator/screen-body';
import { runStatusLine, stepLine } from '../../src/wizards/operator/screen-lines';
import type { Prompt, SessionStep, WizardSession } from '../../src/wizards/operator/session';
import { Footer } from '../components/Footer';
import { DROP_REST, useQueuedInput } from '../hooks/use-key-queue';
import { Tone, useTheme } from '../theme-context';
import { TypedStepPrompt } from './TypedStepPrompt';
import { VersionPrompt } from './VersionPrompt';

const TONES = { pending: undefined, running: 'accent', done: 'ok', skipped: 'muted', failed: 'critical', planned: 'muted' } as const;
const KEYS = { readOnly: false, simulated: true };

export interface WizardViewProps {
  readonly session: WizardSession;
  readonly width: number;
  readonly height: number;
  /** Enter/Esc/q on the summary. */
  readonly onClose: () => void;
  /** Ctrl-C: abort the run at once (the caller aborts the runner and shows the summary). */
  readonly onInterrupt: () => void;
}

/**
 * A wizard run: the steps (a window that follows the current one, with what lies above and below counted), the
 * current step in full (explanation, exact calls, log) scrollable with PgUp/PgDn, the prompt the runner waits on,
 * and at the end the summary. It owns the keyboard while it is open; its footer comes from the same key-binding
 * records as its key handler, for the prompt that is open.
 */
export function WizardView({ session, width, height, onClose, onInterrupt }: WizardViewProps) {
  const theme = useTheme();
  const state = useSyncExternalStore(session.subscribe, session.getState, session.getState);
  const [typing, setTyping] = useState(false);
  const [scroll, setScroll] = useState<number | undefined>(undefined);
  const promptKey = usePromptKey(state.prompt);
  // A new prompt starts at the version list, scrolled to the top.
  const [seen, setSeen] = useState(promptKey);
  if (seen !== promptKey) {
    setSeen(promptKey);
    setTyping(false);
    setScroll(undefined);
  }
  const scope = wizardScope(state, typing);
  const versionPrompt = !state.ended && state.prompt?.kind === 'choose-version' ? state.prompt : undefined;
  // Choosing a version needs the room: the steps shrink to the current one meanwhile.
  const stepRows = visibleSteps(state.steps, state.currentStepId, versionPrompt ? 1 : Math.max(3, Math.floor((height - 3) / 3)));
  const stepsHeight = stepRows.length;
  const typedPrompt = !state.ended && state.prompt?.kind === 'confirm-typed' ? state.prompt : undefined;
  // Status line, blank line, scroll line and footer around the steps and the body (and the typed input's two lines).
  const bodyHeight = Math.max(1, height - stepsHeight - 4 - (typedPrompt ? 2 : 0));
  const body: BodyLine[] = state.ended ? summaryBody(state, width) : state.prompt?.kind === 'resume' ? resumeBody(state, width) : stepBody(state, width);
  // Prompts start at the top (explanation first); a running step follows its log; a scroll key takes over.
  const max = Math.max(0, body.length - bodyHeight);
  const offset = Math.min(max, scroll ?? (state.prompt || state.ended ? 0 : max));

  // Every key of a chunk counts (scrolling three pages is three PgDn); a key that answers the prompt, closes or
  // aborts drops the rest, so no question is answered by a key typed before it was shown.
  useQueuedInput({ offset }, ({ input, key }) => {
    const id = matchBinding(input, key, scope, KEYS) ?? (key.ctrl && input === 'c' ? 'interrupt' : undefined);
    if (id === 'interrupt') {
      onInterrupt();
      return DROP_REST;
    }
    if (id === 'page-up' || id === 'page-down' || (state.ended && (id === 'up' || id === 'down'))) {
      const step = id === 'up' || id === 'down' ? 1 : Math.max(1, bodyHeight - 1);
      const next = Math.max(0, Math.min(max, offset + (id === 'page-up' || id === 'up' ? -step : step)));
      if (next === offset) return undefined;
      setScroll(next);
      return { offset: next };
    }
    if (state.ended) {
      if (id !== 'close') return undefined;
      onClose();
      return DROP_REST;
    }
    return answer(state.prompt, id) ? DROP_REST : undefined;
  });

  const clip = (s: string) => truncate(s, width, theme.ellipsis);
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold wrap="truncate">
        {clip(runStatusLine(state))}
      </Text>
      {stepRows.map((v) =>
        v.kind === 'more' ? (
          <Tone key={v.key} tone="muted" wrap="truncate">
            {clip(v.text) || ' '}
          </Tone>
        ) : (
          <Tone key={v.step.id} tone={TONES[v.step.state]} bold={v.step.id === state.currentStepId} wrap="truncate">
            {clip(stepLine(v.step, v.index))}
          </Tone>
        ),
      )}
      <Text> </Text>
      {versionPrompt ? (
        <VersionPrompt key={promptKey} prompt={versionPrompt} width={width} height={bodyHeight} typing={typing} onTyping={setTyping} />
      ) : (
        <Box flexDirection="column" height={bodyHeight} overflow="hidden">
          {numbered(body).slice(offset, offset + bodyHeight).map((l) => (
            <Tone key={l.n} tone={l.tone} bold={l.bold} wrap="truncate">
              {clip(l.text) || ' '}
            </Tone>
          ))}
        </Box>
      )}
      {typedPrompt ? <TypedStepPrompt key={promptKey} prompt={typedPrompt} width={width} /> : null}
      <Tone tone="muted" wrap="truncate">
        {clip(max > 0 && !versionPrompt ? `lines ${offset + 1}-${Math.min(body.length, offset + bodyHeight)} of ${body.length} (PgUp/PgDn)` : ' ')}
      </Tone>
      <Footer scope={scope} readOnly={false} simulated width={width} />
    </Box>
  );
}

/** Body lines with their line number, a stable key while the window scrolls. */
function numbered(body: readonly BodyLine[]): (BodyLine & { n: number })[] {
  return body.map((l, n) => ({ ...l, n }));
}

/** The runner's prompts answered from a binding id (the version prompt answers itself); true when it answered one. */
function answer(prompt: Prompt | undefined, id: string | undefined): boolean {
  if (!prompt || !id) return false;
  if (prompt.kind === 'confirm-step' && (id === 'run' || id === 'skip' || id === 'abort')) prompt.resolve(id);
  else if (prompt.kind === 'failure' && (id === 'retry' || id === 'skip' || id === 'abort')) prompt.resolve(id);
  else if (prompt.kind === 'by-hand' && (id === 'confirm' || id === 'abort')) prompt.resolve(id === 'confirm' ? 'confirmed' : 'abort');
  else if (prompt.kind === 'resume' && (id === 'resume' || id === 'fresh' || id === 'quit')) prompt.resolve(id);
  else return false;
  return true;
}

type StepRow = { kind: 'step'; step: SessionStep; index: number } | { kind: 'more'; key: string; text: string };

/** A window of the steps that keeps the current one in view, saying how many lie above and below. */
function visibleSteps(steps: readonly SessionStep[], currentId: string | undefined, height: number): StepRow[] {
  if (steps.length <= height) return steps.map((step, index) => ({ kind: 'step', step, index }));
  const at = Math.max(0, steps.findIndex((s) => s.id === currentId));
  if (height === 1) {
    const step = steps[at];
    return step ? [{ kind: 'step', step, index: at }] : [];
  }
  const room = Math.max(1, height - 2);
  const start = Math.max(0, Math.min(at - Math.floor(room / 2), steps.length - room));
  const rows: StepRow[] = steps.slice(start, start + room).map((step, k) => ({ kind: 'step', step, index: start + k }));
  const below = steps.length - start - room;
  return [
    { kind: 'more', key: 'above', text: start > 0 ? `  ^ ${start} step(s) above` : '' },
    ...rows,
    { kind: 'more', key: 'below', text: below > 0 ? `  v ${below} more step(s)` : '' },
  ];
}

/** A new key per prompt object, so each prompt gets fresh input state. */
function usePromptKey(prompt: Prompt | undefined): number {
  const last = useRef<{ prompt?: Prompt; key: number }>({ key: 0 });
  if (prompt !== last.current.prompt) last.current = { prompt, key: last.current.key + 1 };
  return last.current.key;
}
