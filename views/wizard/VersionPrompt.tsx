import { Box, Text } from 'ink';
import { useState } from 'react';
import { matchBinding, applyTextInput } from '../../src/present/key-matcher';
import { versionName } from '../../src/backups/judge';
import { truncate } from '../../src/present/table-layout';
import { versionRows } from '../../src/present/version-rows';
import { expectedText, flaggedLines, planLines } from '../../src/wizards/operator/choice-lines';
import { wrapIndented } from '../../src/wizards/operator/line-format';
import type { Prompt } from '../../src/wizards/operator/session';
import { Table } from '../components/Table';
import { DROP_REST, useQueuedInput } from '../hooks/use-key-queue';
import { Tone, useTheme } from '../theme-context';
import { TypeExactly } from './TypeExactly';

type VersionPromptProps = {
  readonly prompt: Extract<Prompt, { kind: 'choose-version' }>;
  readonly width: number;
  readonly height: number;
  /** Second phase: the plan is shown and the confirmation typed. */
  readonly typing: boolean;
  readonly onTyping: (typing: boolean) => void;
};

const KEYS = { readOnly: false, simulated: true };

/**
 * Choosing the version to restore: the backup judge's table (the same as the Backups pane), the proposal
 * preselected; then what will happen, why a flagged version is flagged and what is proposed instead, and the
 * text to type (with the override word for a flagged version). Esc while typing goes back to the list.
 */
export function VersionPrompt({ prompt, width, height, typing, onTyping }: VersionPromptProps) {
  const theme = useTheme();
  const { offer } = prompt;
  const versions = offer.verdict.versions;
  const [index, setIndex] = useState(() => Math.max(0, offer.verdict.proposal ? versions.indexOf(offer.verdict.proposal) : 0));
  const [text, setText] = useState('');
  const chosen = versions[index];

  // Every key of a chunk counts (`jjj` moves three versions); taking a version or cancelling drops the rest.
  useQueuedInput({ index, typing, text }, ({ input, key }) => {
    const id = matchBinding(input, key, typing ? 'wizard-typed' : 'wizard-version', KEYS);
    if (!typing) {
      if (id === 'up' || id === 'down') {
        const next = Math.max(0, Math.min(versions.length - 1, index + (id === 'up' ? -1 : 1)));
        if (next === index) return undefined;
        setIndex(next);
        return { index: next, typing, text };
      }
      if (id === 'accept' && chosen) {
        onTyping(true);
        return { index, typing: true, text };
      }
      if (id !== 'abort') return undefined;
      prompt.resolve(undefined);
      return DROP_REST;
    }
    if (id === 'accept' && chosen) {
      prompt.resolve({ versionId: chosen.version.versionId, typed: text });
      return DROP_REST;
    }
    if (id === 'back') {
      setText('');
      onTyping(false);
      return { index, typing: false, text: '' };
    }
    const next = applyTextInput(text, input, key);
    if (next === undefined || next === text) return undefined;
    setText(next);
    return { index, typing, text: next };
  });

  const clip = (s: string) => truncate(s, width, theme.ellipsis);
  if (typing && chosen) {
    // A warning about the chosen version comes first: it must be read before anything is typed.
    const warning = flaggedLines(offer, chosen).filter(Boolean);
    const lines = [...warning.map((l) => ({ l, flagged: true })), ...planLines(offer, chosen).map((l) => ({ l, flagged: false }))]
      .flatMap(({ l, flagged }) => wrapIndented(l, width).map((text) => ({ text, flagged })))
      .map((l, n) => ({ ...l, n }));
    return (
      <Box flexDirection="column" width={width} height={height} overflow="hidden">
        {lines.slice(0, Math.max(0, height - 3)).map((l) => (
          <Tone key={l.n} tone={l.flagged ? 'critical' : undefined} bold={l.flagged} wrap="truncate">
            {clip(l.text) || ' '}
          </Tone>
        ))}
        <TypeExactly expected={expectedText(offer, chosen)} typed={text} width={width} />
      </Box>
    );
  }
  const rows = versionRows(offer.component, offer.verdict, { now: offer.takenAt, incidentStart: offer.incidentStart });
  const warning = chosen && !chosen.good ? wrapIndented(flaggedLines(offer, chosen)[1] ?? '', width).slice(0, 2) : undefined;
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold wrap="truncate">
        {clip(`Choose the version of ${offer.component.id} to restore (newest first; proposed: the newest that looks good):`)}
      </Text>
      <Table columns={rows.columns} rows={rows.rows} selected={index} height={Math.max(2, height - 5)} width={width} />
      {/* The table may cut the version's name at 80 columns: the line under it names the highlighted one in full. */}
      {(warning ?? [chosen ? `${versionName(offer.component, chosen.version)} looks good.` : '']).map((l) => (
        <Tone key={l} tone={warning ? 'critical' : 'muted'} wrap="truncate">
          {clip(l)}
        </Tone>
      ))}
    </Box>
  );
}
