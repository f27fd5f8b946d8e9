import { Box, Text } from 'ink';
import { wrap } from '../../src/present/status-report';
import { truncate } from '../../src/present/table-layout';
import { Tone, useTheme } from '../theme-context';

export interface MenuEntry {
  readonly name: string;
  readonly description: string;
}

/**
 * The `!` menu (pick a failure to inject into the simulated rack, or heal or cold-boot it) and the `w` menu. One
 * line per entry, the name column as wide as the longest name (so `drill empty-backup-after-restart` never runs
 * into its description); the selected entry's whole description is wrapped below the list, never cut.
 */
export function ScenarioMenu({ entries, index, width, title }: { entries: readonly MenuEntry[]; index: number; width: number; title?: string }) {
  const theme = useTheme();
  const nameWidth = Math.min(Math.max(0, ...entries.map((e) => e.name.length)), Math.floor(width / 2));
  const selected = entries[index];
  return (
    <Box flexDirection="column" width={width}>
      <Text bold>{title ?? 'Inject a failure into the simulated rack, heal it or cold-boot it (Enter runs it, Esc closes):'}</Text>
      <Text> </Text>
      {entries.map((e, i) => (
        <Tone key={e.name} tone={i === index ? 'accent' : undefined} inverse={i === index} wrap="truncate">
          {truncate(`${i === index ? '>' : ' '} ${truncate(e.name, nameWidth, theme.ellipsis).padEnd(nameWidth)}  ${e.description}`, width, theme.ellipsis)}
        </Tone>
      ))}
      {selected ? <Text> </Text> : null}
      {selected
        ? wrap(`${selected.name}: ${selected.description}`, '  ', width).map((l, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: wrapped lines of one text have no identity but their place
            <Text key={i}>{l}</Text>
          ))
        : null}
    </Box>
  );
}
