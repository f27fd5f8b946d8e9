import { VirtualClock } from '../../src/clock';
import { SCENARIOS, type ScenarioName } from '../../src/sim/scenarios';
import { createSimSource } from '../../src/sources/sim-source';
import { memoryIncidentLog } from '../../src/model/incident-log';
import { RackStore } from '../../src/store/rack-store';
import { App } from '../../views/App';
import { plain, renderThemed } from './helpers';

const T0 = Date.UTC(2026, 10, 25, 3, 0, 0);

/** The TUI on a simulated rack (100x30 unless given, the mini-rack or `scale` machines, a scenario after some minutes); `write` sends one chunk of input, as a terminal read delivers it. */
export async function setupApp(o: { scenario?: ScenarioName; columns?: number; rows?: number; minutes?: number; scale?: number } = {}) {
  const clock = new VirtualClock(T0);
  const sim = createSimSource({ clock, ...(o.scenario ? { scenario: o.scenario } : {}), ...(o.scale !== undefined ? { scale: o.scale } : {}) });
  const store = new RackStore({ clock, sources: [sim], rack: { name: 'mini-rack', simulated: true }, incidentLog: memoryIncidentLog() });
  store.start();
  await clock.advance((o.minutes ?? 0) * 60_000);
  const size = { columns: o.columns ?? 100, rows: o.rows ?? 30 };
  const ui = renderThemed(<App store={store} readOnly={false} scenarios={SCENARIOS} inject={(n) => sim.inject(n as never)} size={size} />);
  await settle();
  const screen = () => plain(ui.lastFrame());
  return {
    screen,
    write: async (chunk: string) => {
      ui.stdin.write(chunk);
      await settle();
    },
    /** The screen once it matches (a chunk's keys render one after the other), or a failure showing it. */
    waitFor: async (pattern: RegExp, timeoutMs = 5_000): Promise<string> => {
      const deadline = Date.now() + timeoutMs;
      while (!pattern.test(screen())) {
        if (Date.now() > deadline) throw new Error(`screen did not show ${pattern}:\n${screen()}`);
        await settle();
      }
      return screen();
    },
    /** The snapshot the screen shows, to compare the frame with the model. */
    snapshot: () => store.getSnapshot(),
    stop: () => store.stop(),
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 30));
