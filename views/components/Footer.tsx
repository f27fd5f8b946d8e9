import { memo } from 'react';
import { Box, Text } from 'ink';
import { type BindingScope, footerEntries, visibleBindings } from '../../src/present/key-bindings';
import { toneProps, useTheme } from '../theme-context';

export interface FooterProps {
  readonly scope: BindingScope;
  readonly readOnly: boolean;
  readonly simulated: boolean;
  /** Enter jumps here (an overview finding with a subject in a pane): "Enter jump" instead of "Enter open". */
  readonly jumps?: boolean;
  readonly width: number;
  /** A short note that takes the line for a moment (e.g. that `r` asked every source to poll now). */
  readonly notice?: string;
}

/** One line of key hints generated from the binding records, so it always matches what the keys do. */
function FooterLine({ scope, readOnly, simulated, jumps = false, width, notice }: FooterProps) {
  const theme = useTheme();
  if (notice) {
    return (
      <Box width={width} height={1} overflow="hidden">
        <Text wrap="truncate" {...toneProps(theme, 'accent')}>
          {notice}
        </Text>
      </Box>
    );
  }
  const entries = footerEntries(visibleBindings(scope, { readOnly, simulated, jumps }), width, { ascii: theme.ascii });
  return (
    <Box width={width} height={1} overflow="hidden">
      <Text wrap="truncate">
        {entries.map((e, i) => (
          <Text key={`${e.keys}-${e.label}`}>
            {i > 0 ? '  ' : ''}
            <Text bold {...toneProps(theme, 'accent')}>
              {e.keys}
            </Text>
            <Text {...toneProps(theme, 'muted')}> {e.label}</Text>
          </Text>
        ))}
      </Text>
    </Box>
  );
}

/** Memoised: a key that moves the selection leaves this line's props alone, so it is not rendered again. */
export const Footer = memo(FooterLine);
