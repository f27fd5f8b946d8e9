import { Box, Text } from 'ink';
import { useSyncExternalStore } from 'react';
import type { WizardSession } from '../../src/wizards/operator/session';
import { Frame } from '../components/Frame';
import { isTooSmall, TooSmall } from '../components/TooSmall';
import { useTerminalSize } from '../hooks/use-terminal-size';
import { Tone } from '../theme-context';
import { WizardView } from './WizardView';

export interface WizardScreenProps {
  readonly session: WizardSession;
  readonly title: string;
  readonly simulated: boolean;
  readonly onClose: () => void;
  readonly onInterrupt: () => void;
}

/** A wizard on its own screen, as `rackpilot recover`, `bootstrap` and `drill` open it. */
export function WizardScreen({ session, title, simulated, onClose, onInterrupt }: WizardScreenProps) {
  const size = useTerminalSize();
  // The runbook (and its title) is known only once the command has built it: follow the session.
  const { runbook } = useSyncExternalStore(session.subscribe, session.getState, session.getState);
  if (isTooSmall(size)) return <TooSmall columns={size.columns} rows={size.rows} />;
  return (
    <Box flexDirection="column" width={size.columns} height={size.rows}>
      <Text wrap="truncate">
        <Text bold>rackpilot {title}</Text>
        {simulated ? <Tone tone="accent"> SIMULATED</Tone> : null}
      </Text>
      <Frame title={runbook.title} width={size.columns} height={size.rows - 1} tone="accent">
        <WizardView session={session} width={size.columns - 2} height={size.rows - 3} onClose={onClose} onInterrupt={onInterrupt} />
      </Frame>
    </Box>
  );
}
