import { Box, Text } from 'ink';
import { truncate } from '../../src/present/table-layout';
import { Tone, useTheme } from '../theme-context';

export interface MenuEntry {
  readonly name: string;
  readonly description: string;
}

/** The `!` menu: pick a failure to inject into the simulated rack (drills and demos), or heal or cold-boot it. */
export function ScenarioMenu({ entries, index, width, title }: { entries: readonly MenuEntry[]; index: number; width: number; title?: string }) {
  const theme = useTheme();
  return (
    <Box flexDirection="column" width={width}>
      <Text bold>{title ?? 'Inject a failure into the simulated rack, heal it or cold-boot it (Enter runs it, Esc closes):'}</Text>
      <Text> </Text>
      {entries.map((e, i) => (
        <Tone key={e.name} tone={i === index ? 'accent' : undefined} inverse={i === index} wrap="truncate">
          {truncate(`${i === index ? '>' : ' '} ${e.name.padEnd(27)} ${e.description}`, width, theme.ellipsis)}
        </Tone>
      ))}
    </Box>
  );
}
