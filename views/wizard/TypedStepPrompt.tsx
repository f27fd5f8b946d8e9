import { Box, Text, useInput } from 'ink';
import { useRef, useState } from 'react';
import { applyTextInput, matchBinding } from '../../src/present/key-matcher';
import { truncate } from '../../src/present/table-layout';
import type { Prompt } from '../../src/wizards/operator/session';
import { useTheme } from '../theme-context';

const KEYS = { readOnly: false, simulated: true };

/**
 * The input under a step that must be confirmed by typing (the body above shows what it will do and its calls):
 * Enter hands the text to the runner, which checks it; Esc cancels the run, nothing is done.
 */
export function TypedStepPrompt({ prompt, width }: { readonly prompt: Extract<Prompt, { kind: 'confirm-typed' }>; readonly width: number }) {
  const theme = useTheme();
  const [text, setText] = useState('');
  // Keys that arrive faster than a render (a paste split up, a script) each see the text typed before them.
  const typed = useRef('');
  useInput((input, key) => {
    const id = matchBinding(input, key, 'wizard-typed-step', KEYS);
    if (id === 'accept') return prompt.resolve(typed.current);
    if (id === 'back') return prompt.resolve(undefined);
    const next = applyTextInput(typed.current, input, key);
    if (next === undefined) return;
    typed.current = next;
    setText(next);
  });
  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate">
        Type exactly: <Text bold>{truncate(prompt.request.text, Math.max(1, width - 14), theme.ellipsis)}</Text>
      </Text>
      <Text wrap="truncate">
        {'> '}
        {text}
        <Text inverse> </Text>
      </Text>
    </Box>
  );
}
