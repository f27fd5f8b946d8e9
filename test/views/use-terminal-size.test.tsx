import { EventEmitter } from 'node:events';
import { render, Text } from 'ink';
import { render as renderTest } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { useTerminalSize } from '../../views/hooks/use-terminal-size';
import { tick } from './helpers';

function Size() {
  const { columns, rows } = useTerminalSize();
  return (
    <Text>
      {columns}x{rows}
    </Text>
  );
}

/** A stdout that looks like a terminal and can be resized. */
class FakeTty extends EventEmitter {
  isTTY = true;
  columns = 120;
  rows = 40;
  last = '';
  write = (frame: string) => {
    this.last = frame;
    return true;
  };
}

const unmounts: (() => void)[] = [];
afterEach(() => {
  for (const u of unmounts.splice(0)) u();
});

describe('useTerminalSize', () => {
  it('reports the terminal size and follows a resize', async () => {
    const stdout = new FakeTty();
    const app = render(<Size />, { stdout: stdout as never, debug: true, patchConsole: false, exitOnCtrlC: false });
    unmounts.push(app.unmount);
    expect(stdout.last).toContain('120x40');
    stdout.columns = 90;
    stdout.rows = 30;
    stdout.emit('resize');
    await tick();
    expect(stdout.last).toContain('90x30');
  });

  it('off a terminal, uses the width the stream declares and 24 rows', () => {
    const app = renderTest(<Size />);
    unmounts.push(app.unmount);
    expect(app.lastFrame()).toBe('100x24');
  });

  it('off a terminal that declares nothing, falls back to 80x24', () => {
    const stdout = new FakeTty();
    stdout.isTTY = false;
    stdout.columns = 0;
    stdout.rows = 0;
    const app = render(<Size />, { stdout: stdout as never, debug: true, patchConsole: false, exitOnCtrlC: false });
    unmounts.push(app.unmount);
    expect(stdout.last).toContain('80x24');
  });
});
