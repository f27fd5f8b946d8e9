import { Box, Text } from 'ink';
import type { WizardSession } from '../../src/wizards/operator/session';
import { Frame } from '../components/Frame';
import { isTooSmall, TooSmall } from '../components/TooSmall';
import { useTerminalSize } from '../hooks/use-terminal-size';
import { Tone } from '../theme-context';
import { WizardView } from './WizardView';

/** A wizard on its own screen, as `rackpilot recover`, `bootstrap` and `drill` open it. */
export function WizardScreen({ session, title, simulated, onClose }: { session: WizardSession; title: string; simulated: boolean; onClose: () => void }) {
  const size = useTerminalSize();
  if (isTooSmall(size)) return <TooSmall columns={size.columns} rows={size.rows} />;
  return (
    <Box flexDirection="column" width={size.columns} height={size.rows}>
      <Text wrap="truncate">
        <Text bold>rackpilot {title}</Text>
        {simulated ? <Tone tone="accent"> SIMULATED</Tone> : null}
      </Text>
      <Frame title={session.getState().runbook.title} width={size.columns} height={size.rows - 2} tone="accent">
        <WizardView session={session} width={size.columns - 2} height={size.rows - 4} onClose={onClose} />
      </Frame>
      <Tone tone="muted">Ctrl-C aborts the run; every step is shown before it runs</Tone>
    </Box>
  );
}
