import { Box, Text, useInput } from 'ink';
import { useRef, useSyncExternalStore } from 'react';
import { truncate } from '../../src/present/table-layout';
import { runStatusLine, specText, stepLine } from '../../src/wizards/operator/screen-lines';
import type { Prompt, WizardSession } from '../../src/wizards/operator/session';
import { useNow } from '../hooks/use-now';
import { Tone, useTheme } from '../theme-context';
import { PromptPane } from './PromptPane';

const TONES = { pending: undefined, running: 'accent', done: 'ok', skipped: 'muted', failed: 'critical' } as const;

/**
 * A wizard run: the steps with their state, the current step's explanation, its planned or running actions,
 * live output, and the prompt the runner waits on. It owns the keyboard while it is open.
 */
export function WizardView({ session, width, height, onClose }: { session: WizardSession; width: number; height: number; onClose: () => void }) {
  const theme = useTheme();
  const state = useSyncExternalStore(session.subscribe, session.getState, session.getState);
  const now = useNow(!state.ended);
  const promptKey = usePromptKey(state.prompt);
  useInput((input, key) => {
    if (state.ended && (key.escape || key.return || input === 'q')) onClose();
  });
  const step = state.runbook.steps.find((s) => s.id === state.currentStepId);
  const stepsHeight = Math.min(state.steps.length, Math.max(3, Math.floor(height / 3)));
  const promptHeight = state.prompt?.kind === 'question' && state.prompt.question.kind === 'choose-version' ? height - stepsHeight - 2 : 0;
  const rest = height - stepsHeight - 2 - promptHeight;
  const clip = (s: string) => truncate(s, width, theme.ellipsis);
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold wrap="truncate">
        {clip(runStatusLine(state))}
      </Text>
      {visibleSteps(state.steps, state.currentStepId, stepsHeight).map(({ s, i }) => (
        <Tone key={s.id} tone={TONES[s.state]} bold={s.id === state.currentStepId} wrap="truncate">
          {clip(stepLine(s, i, now))}
        </Tone>
      ))}
      <Text> </Text>
      {promptHeight > 0 && state.prompt ? (
        <PromptPane key={promptKey} prompt={state.prompt} width={width} height={promptHeight} />
      ) : (
        <Box flexDirection="column" height={rest} overflow="hidden">
          {step ? (
            <Box height={3} overflow="hidden">
              <Text wrap="wrap">
                <Text bold>{step.title}: </Text>
                {step.explanation}
              </Text>
            </Box>
          ) : null}
          {state.prompt ? (
            <PromptPane key={promptKey} prompt={state.prompt} width={width} height={Math.max(3, rest - 6)} />
          ) : (
            state.actions.slice(0, 3).map(({ action, state: s }) => (
              <Text key={action.id} wrap="truncate">
                {clip(`  ${s === 'done' ? '[x]' : s === 'running' ? '[>]' : s === 'failed' ? '[!]' : '[ ]'} ${action.description}: ${specText(action.spec)}`)}
              </Text>
            ))
          )}
          {outputTail(state.output, Math.max(0, rest - (state.prompt ? 16 : 8))).map(({ line, n }) => (
            <Tone key={n} tone="muted" wrap="truncate">
              {clip(`  ${line}`)}
            </Tone>
          ))}
          {state.ended ? (
            <Tone tone={state.ended.state === 'done' ? 'ok' : 'critical'} bold>
              Run {state.ended.state}. Enter or Esc closes the wizard.
            </Tone>
          ) : null}
        </Box>
      )}
    </Box>
  );
}

/** The last lines of output, each with its line number as a stable key. */
function outputTail(output: readonly string[], count: number) {
  const start = Math.max(0, output.length - count);
  return output.slice(start).map((line, k) => ({ line, n: start + k }));
}

/** A window of the steps that keeps the current one in view. */
function visibleSteps<T extends { id: string }>(steps: readonly T[], currentId: string | undefined, height: number) {
  const all = steps.map((s, i) => ({ s, i }));
  const at = Math.max(0, steps.findIndex((s) => s.id === currentId));
  const start = Math.max(0, Math.min(at - Math.floor(height / 2), steps.length - height));
  return all.slice(start, start + height);
}

/** A new key per prompt object, so each prompt gets fresh input state. */
function usePromptKey(prompt: Prompt | undefined): number {
  const last = useRef<{ prompt?: Prompt; key: number }>({ key: 0 });
  if (prompt !== last.current.prompt) last.current = { prompt, key: last.current.key + 1 };
  return last.current.key;
}
