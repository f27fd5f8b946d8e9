import type { Dispatch } from 'react';
import type { Finding } from '../../src/health/finding';
import type { RackSnapshot } from '../../src/model/snapshot';
import type { BindingContext } from '../../src/present/key-bindings';
import { applyTextInput, hiddenKeyNote, matchBinding, paneIndex } from '../../src/present/key-matcher';
import type { PaneDetail } from '../../src/present/pane-content';
import { TABLE_CHROME_ROWS } from '../../src/present/table-layout';
import { moveSelection, type PaneId, PANES, type UiAction, type UiState, uiReducer } from '../../src/present/ui-state';
import type { MenuEntry } from '../components/ScenarioMenu';
import { maxDetailOffset } from '../components/DetailView';
import { DROP_REST, useQueuedInput } from './use-key-queue';

export interface AppKeysOptions {
  readonly ui: UiState;
  readonly dispatch: Dispatch<UiAction>;
  /** Row ids of the focused pane's list, filtered, in screen order. */
  readonly ids: readonly string[];
  readonly detail?: PaneDetail;
  readonly listHeight: number;
  readonly snapshot: RackSnapshot;
  readonly findings: readonly Finding[];
  /** Which keys are offered; `jumps` says whether Enter jumps (to `jumpTo`). */
  readonly ctx: BindingContext;
  /** Where Enter, → and l jump from the selected row (present/jump.ts enterJump); undefined where Enter opens. */
  readonly jumpTo?: { readonly pane: PaneId; readonly id: string };
  readonly scenarios: readonly MenuEntry[];
  readonly onQuit: () => void;
  /** Ctrl-C. */
  readonly onInterrupt: () => void;
  readonly onRefresh: () => void;
  /** A line for the footer (a hidden key's reason). */
  readonly onNotice?: (text: string) => void;
  /** A: the operator acknowledges the incident, which ends it. */
  readonly onAcknowledge: () => void;
  readonly onInject: (name: string) => void;
  readonly wizards: readonly MenuEntry[];
  readonly onWizard: (name: string) => void;
  /** False while a wizard owns the keyboard. */
  readonly active: boolean;
  /** The help overlay's text as shown (wrapped lines) and its height, for its scrolling. */
  readonly help: { readonly lines: number; readonly height: number };
}

const FAR = 1_000_000_000;

/**
 * The one keyboard handler. The topmost layer owns the keys: the scenario menu, then help, then the filter
 * line, then the pane's list or detail. Which key does what comes from the key-binding records.
 */
export function useAppKeys(options: AppKeysOptions): void {
  // Each keypress of a chunk runs against the state the one before it left (use-key-queue.ts).
  useQueuedInput(
    options.ui,
    ({ input, key }) => {
      // A key that opened a wizard hands the keyboard over: what was typed behind it is not for the panes.
      if (!options.active) return DROP_REST;
      let next = options.ui;
      const dispatch: Dispatch<UiAction> = (action) => {
        next = uiReducer(next, action);
        options.dispatch(action);
      };
      handle({ ...options, dispatch }, input, key);
      return next === options.ui ? undefined : next;
    },
    { isActive: options.active },
  );
}

function handle(o: AppKeysOptions, input: string, key: Parameters<typeof matchBinding>[1]): void {
  const { ui, dispatch } = o;
  if (key.ctrl && input === 'c') {
    o.onInterrupt();
    return;
  }
  const state = ui.panes[ui.pane];
  if (ui.overlay === 'scenario-menu' || ui.overlay === 'wizard-menu') {
    const [entries, run] = ui.overlay === 'scenario-menu' ? [o.scenarios, o.onInject] : [o.wizards, o.onWizard];
    const id = matchBinding(input, key, 'menu', o.ctx);
    if (id === 'up' || id === 'down') dispatch({ type: 'menu-move', delta: id === 'up' ? -1 : 1, size: entries.length });
    if (id === 'accept') {
      const entry = entries[ui.menuIndex];
      dispatch({ type: 'overlay', overlay: 'none' });
      if (entry) run(entry.name);
    }
    if (id === 'back') dispatch({ type: 'back' });
    return;
  }
  if (ui.overlay === 'help') {
    if (key.escape || input === '?') dispatch({ type: 'overlay', overlay: 'none' });
    else if (input === 'q') o.onQuit();
    else {
      // The help scrolls like a detail: the same keys, within its own length.
      const id = matchBinding(input, key, 'detail', o.ctx);
      const page = Math.max(1, o.help.height - 2);
      const delta = { up: -1, down: 1, 'page-up': -page, 'page-down': page, home: -FAR, end: FAR }[id as string];
      if (delta !== undefined) dispatch({ type: 'help-scroll', delta, max: maxDetailOffset(o.help.lines, o.help.height) });
    }
    return;
  }
  if (ui.filtering) {
    const id = matchBinding(input, key, 'filter', o.ctx);
    if (id === 'back') dispatch({ type: 'back' });
    else if (id === 'accept') dispatch({ type: 'filter-end' });
    else {
      const text = applyTextInput(state.filter, input, key);
      if (text !== undefined) dispatch({ type: 'filter-text', text });
    }
    return;
  }
  const scope = o.detail ? 'detail' : 'list';
  const id = matchBinding(input, key, scope, o.ctx);
  const page = Math.max(1, o.listHeight - TABLE_CHROME_ROWS - 1);
  const move = (delta: number) => {
    if (o.detail) {
      const max = o.detail.kind === 'lines' ? maxDetailOffset(o.detail.lines.length, o.listHeight) : o.detail.table.rows.length - 1;
      dispatch({ type: 'detail-scroll', delta, max: Math.max(0, max) });
    } else dispatch({ type: 'select', id: moveSelection(o.ids, state.selectedId, delta) });
  };
  const actions: Partial<Record<NonNullable<typeof id>, () => void>> = {
    'pane-next': () => dispatch({ type: 'cycle', delta: 1 }),
    'pane-prev': () => dispatch({ type: 'cycle', delta: -1 }),
    pane: () => {
      const target = PANES[paneIndex(input) ?? -1];
      if (target) dispatch({ type: 'pane', pane: target });
    },
    up: () => move(-1),
    down: () => move(1),
    'page-up': () => move(-page),
    'page-down': () => move(page),
    home: () => move(-FAR),
    end: () => move(FAR),
    open: () => open(o),
    jump: () => {
      if (o.jumpTo) dispatch({ type: 'jump', pane: o.jumpTo.pane, id: o.jumpTo.id });
    },
    back: () => dispatch({ type: 'back' }),
    filter: () => dispatch({ type: 'filter-start' }),
    help: () => dispatch({ type: 'overlay', overlay: 'help' }),
    refresh: () => o.onRefresh(),
    acknowledge: () => o.onAcknowledge(),
    quit: () => o.onQuit(),
    inject: () => dispatch({ type: 'overlay', overlay: 'scenario-menu' }),
    wizard: () => {
      if (o.wizards.length > 0) dispatch({ type: 'overlay', overlay: 'wizard-menu' });
    },
  };
  if (id) actions[id]?.();
  else {
    // A key hidden here (read-only, a real rack) says why instead of doing nothing.
    const note = hiddenKeyNote(input, key, scope, o.ctx);
    if (note) o.onNotice?.(note);
  }
}

/** Enter where it does not jump: opens the selected row's detail. */
function open(o: AppKeysOptions): void {
  const state = o.ui.panes[o.ui.pane];
  const rowId = state.selectedId !== undefined && o.ids.includes(state.selectedId) ? state.selectedId : o.ids[0];
  if (rowId && !state.detailId) o.dispatch({ type: 'open', id: rowId });
}
