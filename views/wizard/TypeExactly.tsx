import { Text } from 'ink';
import { truncate } from '../../src/present/table-layout';
import { useTheme } from '../theme-context';

/** The two lines of a typed confirmation, the same for a version choice and a destructive step: what to type, then the text so far. */
export function TypeExactly({ expected, typed, width }: { readonly expected: string; readonly typed: string; readonly width: number }) {
  const theme = useTheme();
  return (
    <>
      <Text wrap="truncate">
        Type exactly: <Text bold>{truncate(expected, Math.max(1, width - 14), theme.ellipsis)}</Text>
      </Text>
      <Text wrap="truncate">
        {'> '}
        {typed}
        <Text inverse> </Text>
      </Text>
    </>
  );
}
