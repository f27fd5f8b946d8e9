import { Box, Text, useInput } from 'ink';
import { useState } from 'react';
import { applyTextInput } from '../../src/present/key-bindings';
import { truncate } from '../../src/present/table-layout';
import { specText, versionChoiceRows } from '../../src/wizards/operator/screen-lines';
import type { Prompt } from '../../src/wizards/operator/session';
import type { StepContext } from '../../src/wizards/engine/types';
import { formatAge } from '../../src/text/format-age';
import { formatBytes } from '../../src/text/format-bytes';
import { Table } from '../components/Table';
import { Tone, useTheme } from '../theme-context';
import { isoSeconds } from '../../src/text/time-text';

/**
 * The question the runner is waiting on, with its own keys. Keyed by the prompt, so a new question starts with
 * a fresh selection and an empty input line.
 */
export function PromptPane({ prompt, width, height }: { prompt: Prompt; width: number; height: number }) {
  const theme = useTheme();
  const [index, setIndex] = useState(() => initialIndex(prompt));
  const [text, setText] = useState('');
  const optionCount = prompt.kind === 'question' ? (prompt.offer.versions?.length ?? prompt.offer.options?.length ?? 0) : 0;

  useInput((input, key) => {
    if (prompt.kind === 'confirm-step') {
      if (key.return) prompt.resolve('run');
      else if (input === 's') prompt.resolve('skip');
      else if (input === 'a') prompt.resolve('abort');
      return;
    }
    if (prompt.kind === 'failure') {
      if (input === 'r') prompt.resolve('retry');
      else if (input === 's') prompt.resolve('skip');
      else if (input === 'a') prompt.resolve('abort');
      return;
    }
    const q = prompt.question;
    if (key.escape) return prompt.resolve(undefined);
    if (q.kind === 'confirm-typed') {
      if (key.return) return prompt.resolve(text);
      const next = applyTextInput(text, input, key);
      if (next !== undefined) setText(next);
      return;
    }
    if (key.upArrow || input === 'k') setIndex((i) => Math.max(0, i - 1));
    else if (key.downArrow || input === 'j') setIndex((i) => Math.min(optionCount - 1, i + 1));
    else if (key.return) {
      const value =
        q.kind === 'choose-version' ? prompt.offer.versions?.[index]?.version.versionId : prompt.offer.options?.[index]?.value;
      if (value !== undefined) prompt.resolve(value);
    }
  });

  if (prompt.kind === 'confirm-step') {
    const destructive = prompt.step.destructive;
    return (
      <Box flexDirection="column" width={width}>
        <Text bold>Planned actions (nothing has run yet):</Text>
        {prompt.actions.length === 0 ? <Tone tone="muted">  none: this step only checks</Tone> : null}
        {prompt.actions.slice(0, Math.max(1, Math.floor((height - 3) / 3))).map((a) => (
          <Box key={a.id} flexDirection="column">
            <Text wrap="wrap">{`  ${a.destructive ? '*' : '-'} ${a.description}`}</Text>
            <Tone tone="muted" wrap="truncate">
              {truncate(`      ${specText(a.spec)}`, width, theme.ellipsis)}
            </Tone>
          </Box>
        ))}
        <Tone tone={destructive ? 'critical' : 'accent'} bold>
          {destructive ? 'DESTRUCTIVE step. ' : ''}Enter run this step   s skip   a abort the run
        </Tone>
      </Box>
    );
  }
  if (prompt.kind === 'failure') {
    return (
      <Box flexDirection="column" width={width}>
        <Tone tone="critical" symbol wrap="truncate">
          {truncate(prompt.error, width - 4, theme.ellipsis)}
        </Tone>
        <Tone tone="accent" bold>
          r retry   s skip this step   a abort the run
        </Tone>
      </Box>
    );
  }
  const q = prompt.question;
  if (q.kind === 'confirm-typed') {
    return (
      <Box flexDirection="column" width={width}>
        {restorePlan(prompt.ctx, q.key).map((line) => (
          <Text key={line} wrap="truncate">
            {truncate(line, width, theme.ellipsis)}
          </Text>
        ))}
        <Text wrap="wrap">{q.prompt}</Text>
        <Text>
          Type exactly: <Text bold>{q.expected(prompt.ctx)}</Text>
        </Text>
        <Text>
          {'> '}
          {text}
          <Text inverse> </Text>
        </Text>
        <Tone tone="muted">Enter confirms (a wrong entry cancels the run), Esc cancels</Tone>
      </Box>
    );
  }
  if (q.kind === 'choose-version') {
    const rows = versionChoiceRows(prompt.offer.versions ?? [], prompt.offer.preselected);
    return (
      <Box flexDirection="column" width={width}>
        <Text bold wrap="truncate">
          Choose the version of {q.componentId} to restore (newest first; the proposal is the newest good one):
        </Text>
        <Table columns={rows.columns} rows={rows.rows} selected={index} height={Math.max(2, height - 4)} width={width} />
        <Tone tone="muted">Up/Down choose, Enter takes it (you confirm by typing next), Esc cancels</Tone>
      </Box>
    );
  }
  const options = prompt.offer.options ?? [];
  return (
    <Box flexDirection="column" width={width}>
      <Text bold>{q.prompt}</Text>
      {options.map((o, i) => (
        <Tone key={o.value} tone={i === index ? 'accent' : undefined} inverse={i === index} wrap="truncate">
          {`${i === index ? '>' : ' '} ${o.label}${o.preselected ? ' (proposed)' : ''}`}
        </Tone>
      ))}
      <Tone tone="muted">Up/Down choose, Enter takes it, Esc cancels</Tone>
    </Box>
  );
}

/**
 * Before the operator types the confirmation: exactly what the restore will do (component, version, whether
 * its backups are fenced). Question keys pair up as `confirm:<component>` and `version:<component>`.
 */
function restorePlan(ctx: StepContext, confirmKey: string): string[] {
  const componentId = confirmKey.startsWith('confirm:') ? confirmKey.slice('confirm:'.length) : undefined;
  const component = ctx.snapshot.backups.find((b) => b.id === componentId);
  const versionId = componentId ? ctx.answers[`version:${componentId}`] : undefined;
  const version = component?.versions.find((v) => v.versionId === versionId);
  if (!component || !version) return [];
  const incident = ctx.incidentStart;
  const when = incident === undefined ? '' : version.time < incident ? ` (${formatAge(incident - version.time)} before the incident)` : ' (AFTER the incident started)';
  return [
    'What will happen:',
    `  restore    ${component.id}: ${component.name} of ${component.owner}, overwriting its current data`,
    `  version    ${version.versionId}`,
    `             taken ${isoSeconds(version.time)} UTC${when}, ${formatBytes(version.size)}`,
    `  backups    ${component.paused ? 'paused first (fenced): no upload can replace versions meanwhile' : 'NOT paused: a new upload could push good versions out'}`,
    '',
  ];
}

function initialIndex(prompt: Prompt): number {
  if (prompt.kind !== 'question') return 0;
  const { offer } = prompt;
  if (offer.versions && offer.preselected) return Math.max(0, offer.versions.findIndex((v) => v.version.versionId === offer.preselected));
  if (offer.options) return Math.max(0, offer.options.findIndex((o) => o.preselected));
  return 0;
}
