// Keys that arrive together (key repeat and lag over SSH deliver them in one chunk) are each handled, in order.
import { describe, expect, it } from 'vitest';
import { keyPresses } from '../../src/present/key-chunks';
import { setupApp } from './app-setup';

const ENTER = '\r';
const DOWN = '\u001b[B';

describe('keys in one chunk (unit)', () => {
  it('splits typed text into keypresses; Enter and Tab inside it are keys; Esc+key is Esc then the key', () => {
    expect(keyPresses('jjj', {})).toEqual([{ input: 'j', key: {} }, { input: 'j', key: {} }, { input: 'j', key: {} }]);
    expect(keyPresses('j\r', {})).toEqual([{ input: 'j', key: {} }, { input: '', key: { return: true } }]);
    expect(keyPresses('j', { meta: true })).toEqual([{ input: '', key: { escape: true } }, { input: 'j', key: {} }]);
    expect(keyPresses('', { downArrow: true })).toEqual([{ input: '', key: { downArrow: true } }]);
    expect(keyPresses('c', { ctrl: true })).toEqual([{ input: 'c', key: { ctrl: true } }]);
  });
});

describe('keys in one chunk (the TUI on the simulated rack)', () => {
  const selected = (name: string) => new RegExp(`>\\s*\\S*\\s*${name}`);

  it('jjj moves three rows and ↓↓↓ three more, as when pressed one by one', async () => {
    const { write, waitFor } = await setupApp();
    await write('4');
    await waitFor(/Machines \(4\)/);
    await write('jjj');
    await waitFor(selected('machine04'));
    await write('kkk');
    await waitFor(selected('machine01'));
    await write(DOWN + DOWN + DOWN);
    await waitFor(selected('machine04'));
  });

  it('4 j Enter in one chunk opens machine02 in the Machines pane; Esc j in one chunk goes back and moves', async () => {
    const { write, waitFor } = await setupApp();
    await write(`4j${ENTER}`);
    await waitFor(/Machine machine02/);
    await write('\u001bj');
    const s = await waitFor(selected('machine03'));
    expect(s).toMatch(/Machines \(4\)/);
  });

  it('a filter typed fast with its Enter filters and ends the filter line', async () => {
    const { write, waitFor } = await setupApp();
    await write(`4/fire${ENTER}j`);
    const s = await waitFor(selected('machine03'));
    expect(s).toMatch(/2 of 4/);
    expect(s).not.toMatch(/machine02/);
  });
});
