// A drill opened from w runs on a private simulated rack: the header says DRILL and its scenario while it is open.
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/clock';
import { SCENARIOS } from '../../src/sim';
import { createSimSource } from '../../src/sources/sim-source';
import { RackStore } from '../../src/store/rack-store';
import { WizardSession } from '../../src/wizards/operator/session';
import type { WizardMenu } from '../../src/wizards/operator/wizard-menu';
import { App } from '../../views/App';
import { plain, renderThemed, tick } from './helpers';

const T0 = Date.UTC(2026, 10, 25, 3, 0, 0);

/** The run ended and its summary is shown: Enter closes the wizard. */
function end(session: WizardSession | undefined): void {
  session?.onEvent({ type: 'run-end', state: 'done', at: T0 });
  session?.showSummary(['done']);
}

describe('the DRILL badge', () => {
  it('shows while a drill is open, not for a recovery of this rack, and goes when the drill closes', async () => {
    const clock = new VirtualClock(T0);
    const store = new RackStore({ clock, sources: [createSimSource({ clock })], rack: { name: 'mini-rack', simulated: true } });
    store.start();
    await clock.advance(0);
    const sessions: WizardSession[] = [];
    const wizards: WizardMenu = {
      entries: [
        { name: 'recover', description: 'recover this rack' },
        { name: 'drill k3s-lost', description: 'timed drill', drill: 'k3s-lost' },
      ],
      start: (name) => {
        const session = new WizardSession({ id: name, title: name, description: '', steps: [] });
        sessions.push(session);
        return session;
      },
      abort: async () => undefined,
    };
    const ui = renderThemed(<App store={store} readOnly={false} scenarios={SCENARIOS} wizards={wizards} size={{ columns: 100, rows: 30 }} />);
    const header = () => plain(ui.lastFrame()).split('\n')[0] ?? '';
    const press = async (k: string) => {
      ui.stdin.write(k);
      await tick();
    };
    await tick();
    await press('w');
    await press('\r');
    expect(header()).not.toMatch(/DRILL/);
    end(sessions.at(-1));
    await tick();
    await press('\r');
    await press('w');
    await press('j');
    await press('\r');
    expect(header()).toMatch(/^rackpilot mini-rack SIMULATED DRILL k3s-lost /);
    end(sessions.at(-1));
    await tick();
    await press('\r');
    expect(plain(ui.lastFrame())).toMatch(/\[1 Overview/);
    expect(header()).not.toMatch(/DRILL/);
    await store.stop();
  });
});
