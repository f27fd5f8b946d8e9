import { Box, Text, useApp } from 'ink';
import { useEffect, useMemo, useReducer, useState } from 'react';
import { type AreaStatus, summariseAreas } from '../src/present/area-summary';
import { filterRows } from '../src/present/rows';
import { LIST_ROWS_WITH_NOTE, overviewNote } from '../src/present/finding-note';
import { helpLines } from '../src/present/help-lines';
import { enterJump } from '../src/present/jump';
import { wrapLines } from '../src/present/detail-wrap';
import { paneDetail, paneRows } from '../src/present/pane-content';
import { INITIAL_UI, PANE_TITLES, PANES, type PaneId, selectedIndex, uiReducer } from '../src/present/ui-state';
import type { RackStore } from '../src/store/rack-store';
import { describeError } from '../src/errors';
import { operatorName } from '../src/wizards/engine/audit';
import type { WizardMenu } from '../src/wizards/operator/wizard-menu';
import type { WizardSession } from '../src/wizards/operator/session';
import { DetailView, symbolCells } from './components/DetailView';
import { Footer } from './components/Footer';
import { Frame } from './components/Frame';
import { Header } from './components/Header';
import { type MenuEntry, ScenarioMenu } from './components/ScenarioMenu';
import { isTooSmall, TooSmall } from './components/TooSmall';
import { PaneTabs } from './components/PaneTabs';
import { useAppKeys } from './hooks/use-app-keys';
import { useSnapshot } from './hooks/use-snapshot';
import { useTerminalSize } from './hooks/use-terminal-size';
import { AreaLines } from './panes/AreaLines';
import { PaneBody } from './panes/PaneBody';
import { useTheme } from './theme-context';
import { WizardView } from './wizard/WizardView';

export interface AppProps {
  readonly store: RackStore;
  readonly readOnly: boolean;
  /** Failure scenarios the `!` menu offers; empty against a real rack. */
  readonly scenarios: readonly MenuEntry[];
  readonly inject?: (name: string) => void;
  /** The `w` menu; absent or empty where no wizard can run (read-only, or a real rack for now). */
  readonly wizards?: WizardMenu;
  /** Config notices worth a line on the overview (e.g. real mode without any source). */
  readonly notes?: readonly string[];
  /** A fixed screen size instead of the terminal's (tests, embedding). */
  readonly size?: { readonly columns: number; readonly rows: number };
  /** Ctrl-C: quit, aborting a running wizard first. @default quits */
  readonly onInterrupt?: () => void;
}

const PANE_AREAS: Record<Exclude<PaneId, 'overview'>, readonly string[]> = {
  topology: ['topology'],
  'control-planes': ['control-planes'],
  bgp: ['bgp'],
  machines: ['machines'],
  shoots: ['shoots'],
  backups: ['backups'],
};
const RANK: Record<AreaStatus, number> = { critical: 0, warning: 1, info: 2, ok: 3, 'no-data': 4 };

/** The whole screen: header, pane tabs, the focused pane (or an overlay), footer. Exactly as tall as the terminal. */
export function App({ store, readOnly, scenarios, inject, wizards, notes = [], size: fixedSize, onInterrupt }: AppProps) {
  const { exit } = useApp();
  const theme = useTheme();
  const measured = useTerminalSize();
  const size = fixedSize ?? measured;
  const snapshot = useSnapshot(store);
  const [ui, dispatch] = useReducer(uiReducer, INITIAL_UI);
  const [wizard, setWizard] = useState<WizardSession>();
  // The drill's scenario while a drill is open: the header says DRILL, so it is never taken for a real recovery.
  const [drill, setDrill] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const closeWizard = () => {
    setWizard(undefined);
    setDrill(undefined);
  };
  // A notice stays two seconds: long enough to be read, short enough not to hide the keys.
  useEffect(() => {
    if (!notice) return;
    const t = setTimeout(() => setNotice(undefined), 2_000);
    return () => clearTimeout(t);
  }, [notice]);
  // Judged once by the store (health and backup verdicts); the view only reads them.
  const findings = snapshot.findings;
  const areas = useMemo(() => summariseAreas(snapshot, findings), [snapshot, findings]);
  const paneStatus = useMemo(() => {
    const worst = (names: readonly string[]) =>
      areas.filter((a) => names.includes(a.area)).reduce<AreaStatus>((w, a) => (RANK[a.status] < RANK[w] ? a.status : w), 'ok');
    const status = { overview: worst(areas.map((a) => a.area)) } as Record<PaneId, AreaStatus>;
    for (const p of PANES) if (p !== 'overview') status[p] = worst(PANE_AREAS[p]);
    return status;
  }, [areas]);

  const pane = ui.pane;
  const state = ui.panes[pane];
  const all = useMemo(() => paneRows(pane, snapshot, findings, theme.ascii), [pane, snapshot, findings, theme.ascii]);
  const rows = useMemo(() => ({ ...all, rows: filterRows(all.rows, state.filter) }), [all, state.filter]);
  const ids = useMemo(() => rows.rows.map((r) => r.id), [rows]);
  const width = size.columns;
  const bodyHeight = size.rows - 3;
  const innerWidth = width - 2;
  const innerHeight = bodyHeight - 2;
  const opened = state.detailId ? paneDetail(pane, state.detailId, snapshot, findings) : undefined;
  // Wrapped here, before the keys see it, so scrolling counts the lines on screen.
  const wrap = (lines: Parameters<typeof wrapLines>[0]) => wrapLines(lines, innerWidth, (l) => symbolCells(theme, l));
  const detail =
    opened?.kind === 'lines' ? { ...opened, lines: wrap(opened.lines) } : opened?.kind === 'table' ? { ...opened, intro: wrap(opened.intro) } : opened;
  const overviewTop = pane === 'overview' && !detail ? notes.length + areas.length + 1 : 0;
  // The selected finding (or cause) whole, with its hint, under the overview's list (the rows cut both).
  const note = pane === 'overview' && !detail ? overviewNote(snapshot, state.selectedId ?? ids[0]) : [];
  const noteLines = note.length ? wrapLines(note, innerWidth, (l) => symbolCells(theme, l)) : [];
  const noteHeight = noteLines.length ? Math.min(noteLines.length + 2, Math.max(0, innerHeight - overviewTop - LIST_ROWS_WITH_NOTE)) : 0;
  const listHeight = innerHeight - overviewTop - noteHeight;
  const simulated = snapshot.rack.simulated && scenarios.length > 0;
  // Enter jumps only from an overview finding whose subject has a pane; the footer says "Enter jump" only there.
  const jumpTo = ui.overlay === 'none' && !ui.filtering ? enterJump(pane, state, ids, findings, snapshot) : undefined;

  const help = useMemo(
    () => (ui.overlay === 'help' ? wrapLines(helpLines({ readOnly, simulated }, theme.ascii), innerWidth, (l) => symbolCells(theme, l)) : []),
    [ui.overlay, readOnly, simulated, theme, innerWidth],
  );

  useAppKeys({
    ui,
    dispatch,
    ids,
    detail,
    listHeight,
    snapshot,
    findings,
    ctx: { readOnly, simulated, jumps: jumpTo !== undefined },
    ...(jumpTo ? { jumpTo } : {}),
    scenarios,
    onQuit: exit,
    onInterrupt: onInterrupt ?? exit,
    onRefresh: () => {
      store.refresh();
      setNotice(`r: every source polls now (${new Date().toISOString().slice(11, 19)}Z); the header shows their new ages`);
    },
    onNotice: setNotice,
    onAcknowledge: () => {
      const incident = snapshot.incident;
      try {
        const ended = incident !== undefined && store.endIncident({ how: 'acknowledged', by: operatorName() });
        setNotice(ended ? `A: incident ${incident.label} acknowledged: it is over, backups are judged as usual again` : 'A: no incident is open');
      } catch (error) {
        setNotice(`A: the incident could not be ended: ${describeError(error)}`);
      }
    },
    onInject: (name) => {
      inject?.(name);
      store.refresh();
    },
    wizards: readOnly ? [] : (wizards?.entries ?? []),
    onWizard: (name) => {
      // The wizard view takes the keys from here on; its own footer says which.
      if (!wizards) return;
      setWizard(wizards.start(name));
      setDrill(wizards.entries.find((e) => e.name === name)?.drill);
    },
    active: wizard === undefined,
    help: { lines: help.length, height: innerHeight },
  });

  if (isTooSmall(size)) return <TooSmall columns={size.columns} rows={size.rows} />;

  const scope = ui.overlay === 'scenario-menu' || ui.overlay === 'wizard-menu' ? 'menu' : ui.filtering ? 'filter' : detail ? 'detail' : 'list';
  const title = detail ? `${PANE_TITLES[pane]} > ${detail.title}` : `${PANE_TITLES[pane]} (${rows.rows.length})`;
  return (
    <Box flexDirection="column" width={width} height={size.rows}>
      <Header snapshot={snapshot} store={store} width={width} {...(wizard && drill ? { drill } : {})} />
      <PaneTabs pane={pane} status={paneStatus} width={width} />
      {wizard ? (
        <Frame title="Wizard" width={width} height={bodyHeight + 1} tone="accent">
          <WizardView session={wizard} width={innerWidth} height={innerHeight + 1} onClose={closeWizard} onInterrupt={onInterrupt ?? exit} />
        </Frame>
      ) : ui.overlay === 'wizard-menu' ? (
        <Frame title="Wizards" width={width} height={bodyHeight} tone="accent">
          <ScenarioMenu title="Open a wizard (Enter starts it, Esc closes):" entries={wizards?.entries ?? []} index={ui.menuIndex} width={innerWidth} />
        </Frame>
      ) : ui.overlay === 'help' ? (
        <Frame title="Keys: Esc or ? closes, arrows scroll" width={width} height={bodyHeight} tone="accent">
          <DetailView lines={help} offset={ui.menuIndex} height={innerHeight} width={innerWidth} />
        </Frame>
      ) : ui.overlay === 'scenario-menu' ? (
        <Frame title="Inject failure" width={width} height={bodyHeight} tone="critical">
          <ScenarioMenu entries={scenarios} index={ui.menuIndex} width={innerWidth} />
        </Frame>
      ) : (
        <Frame title={title} width={width} height={bodyHeight} tone="accent">
          {overviewTop ? (
            <Box flexDirection="column" height={overviewTop}>
              <AreaLines areas={areas} notes={notes} width={innerWidth} />
            </Box>
          ) : null}
          <PaneBody
            rows={rows}
            total={all.rows.length}
            selected={selectedIndex(ids, state.selectedId)}
            filter={state.filter}
            filtering={ui.filtering}
            detail={detail}
            detailOffset={state.detailOffset}
            width={innerWidth}
            height={listHeight}
            emptyText={
              snapshot.sources.every((s) => s.state === 'pending')
                ? 'waiting for the first data...'
                : pane === 'overview'
                  ? 'no findings: every check passed'
                  : 'nothing reported'
            }
          />
          {noteHeight > 2 ? (
            <Box flexDirection="column" height={noteHeight} marginTop={0}>
              <Text> </Text>
              <DetailView lines={noteLines} offset={0} height={noteHeight - 1} width={innerWidth} />
            </Box>
          ) : null}
        </Frame>
      )}
      {wizard ? null : <Footer scope={scope} readOnly={readOnly} simulated={simulated} jumps={jumpTo !== undefined} width={width} {...(notice ? { notice } : {})} />}
    </Box>
  );
}
