/**
 * The TUI's view state as a pure reducer, so navigation is tested without rendering. Selection is by row id,
 * not index: when a list re-sorts (problems first), the cursor stays on the same machine or session.
 */
// Appended, not inserted: the number keys of the panes that came first stay what operators learned.
export const PANES = ['overview', 'topology', 'bgp', 'machines', 'shoots', 'backups', 'control-planes'] as const;
export type PaneId = (typeof PANES)[number];

export const PANE_TITLES: Record<PaneId, string> = {
  overview: 'Overview',
  topology: 'Topology',
  bgp: 'BGP',
  machines: 'Machines',
  shoots: 'Shoots',
  backups: 'Backups',
  'control-planes': 'Control planes',
};

export interface PaneState {
  readonly selectedId?: string;
  readonly filter: string;
  /** The row whose detail is open, if any. */
  readonly detailId?: string;
  /** Scroll position inside the detail view. */
  readonly detailOffset: number;
}

export type Overlay = 'none' | 'help' | 'scenario-menu' | 'wizard-menu';

export interface UiState {
  readonly pane: PaneId;
  readonly panes: Readonly<Record<PaneId, PaneState>>;
  /** True while the `/` filter line has the keyboard. */
  readonly filtering: boolean;
  readonly overlay: Overlay;
  /** The menu's selected entry; in the help overlay, its scroll position. Reset when an overlay opens. */
  readonly menuIndex: number;
}

export type UiAction =
  | { type: 'pane'; pane: PaneId }
  | { type: 'cycle'; delta: 1 | -1 }
  | { type: 'select'; id: string | undefined }
  | { type: 'open'; id: string }
  | { type: 'jump'; pane: PaneId; id: string }
  | { type: 'back' }
  | { type: 'detail-scroll'; delta: number; max: number }
  | { type: 'filter-start' }
  | { type: 'filter-text'; text: string }
  | { type: 'filter-end' }
  | { type: 'overlay'; overlay: Overlay }
  | { type: 'menu-move'; delta: number; size: number }
  | { type: 'help-scroll'; delta: number; max: number };

const EMPTY_PANE: PaneState = { filter: '', detailOffset: 0 };

export const INITIAL_UI: UiState = {
  pane: 'overview',
  panes: Object.fromEntries(PANES.map((p) => [p, EMPTY_PANE])) as Record<PaneId, PaneState>,
  filtering: false,
  overlay: 'none',
  menuIndex: 0,
};

function patchPane(state: UiState, pane: PaneId, patch: Partial<PaneState>): UiState {
  return { ...state, panes: { ...state.panes, [pane]: { ...state.panes[pane], ...patch } } };
}

export function uiReducer(state: UiState, action: UiAction): UiState {
  const current = state.panes[state.pane];
  switch (action.type) {
    case 'pane':
      return { ...state, pane: action.pane, filtering: false, overlay: 'none' };
    case 'cycle': {
      const i = (PANES.indexOf(state.pane) + action.delta + PANES.length) % PANES.length;
      return { ...state, pane: PANES[i] ?? 'overview', filtering: false };
    }
    case 'select':
      return patchPane(state, state.pane, { selectedId: action.id });
    case 'open':
      return patchPane(state, state.pane, { selectedId: action.id, detailId: action.id, detailOffset: 0 });
    case 'jump':
      return patchPane({ ...state, pane: action.pane, filtering: false, overlay: 'none' }, action.pane, {
        selectedId: action.id,
        filter: '',
        detailId: undefined,
      });
    case 'back':
      // Esc peels one layer at a time: overlay, then filter, then detail.
      if (state.overlay !== 'none') return { ...state, overlay: 'none' };
      if (state.filtering || current.filter) return patchPane({ ...state, filtering: false }, state.pane, { filter: '' });
      if (current.detailId) return patchPane(state, state.pane, { detailId: undefined, detailOffset: 0 });
      return state;
    case 'detail-scroll': {
      const offset = Math.max(0, Math.min(action.max, current.detailOffset + action.delta));
      return patchPane(state, state.pane, { detailOffset: offset });
    }
    case 'filter-start':
      return patchPane({ ...state, filtering: true }, state.pane, { detailId: undefined });
    case 'filter-text':
      return patchPane(state, state.pane, { filter: action.text });
    case 'filter-end':
      return { ...state, filtering: false };
    case 'overlay':
      return { ...state, overlay: action.overlay, menuIndex: 0 };
    case 'menu-move':
      return { ...state, menuIndex: (state.menuIndex + action.delta + action.size) % Math.max(1, action.size) };
    case 'help-scroll':
      return { ...state, menuIndex: Math.max(0, Math.min(action.max, state.menuIndex + action.delta)) };
  }
}

/**
 * Moves a selection through a list of row ids. An unknown or missing current id counts as the first row, so
 * the cursor lands somewhere sensible after a filter removed the selected row.
 */
export function moveSelection(ids: readonly string[], currentId: string | undefined, delta: number): string | undefined {
  if (ids.length === 0) return undefined;
  const index = selectedIndex(ids, currentId);
  return ids[Math.max(0, Math.min(ids.length - 1, index + delta))];
}

export function selectedIndex(ids: readonly string[], currentId: string | undefined): number {
  if (currentId === undefined) return 0;
  const i = ids.indexOf(currentId);
  return Math.max(0, i);
}
