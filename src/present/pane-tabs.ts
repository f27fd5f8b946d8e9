import { textWidth } from './table-layout';
import { PANE_TITLES, PANES, type PaneId } from './ui-state';

/** Short names for a narrow terminal, so all seven tabs and their marks stay on one line at 80 columns. */
const SHORT: Record<PaneId, string> = {
  overview: 'Overview',
  topology: 'Topo',
  bgp: 'BGP',
  machines: 'Machines',
  shoots: 'Shoots',
  backups: 'Backups',
  'control-planes': 'Planes',
};
const TINY: Record<PaneId, string> = { ...SHORT, overview: 'Over', machines: 'Mach', backups: 'Bkp', shoots: 'Shoot' };

export interface PaneTab {
  readonly pane: PaneId;
  /** "[1 Overview X]" for the focused pane (brackets read without colour), " 2 Topology " or "2 Topo" otherwise. */
  readonly text: string;
}

/**
 * The pane tabs, the widest form that fits `width`: full names with a space around each, then without the spaces
 * (80 columns), then shorter names, then the digits and marks alone. `marks` is each pane's worst state as one symbol ('' when ok).
 */
export function paneTabs(pane: PaneId, marks: Readonly<Record<PaneId, string>>, width: number): PaneTab[] {
  const forms: ReadonlyArray<{ names: Record<PaneId, string> | undefined; pad: boolean }> = [
    { names: PANE_TITLES, pad: true },
    { names: PANE_TITLES, pad: false },
    { names: SHORT, pad: false },
    { names: TINY, pad: false },
    { names: undefined, pad: false },
  ];
  let tabs: PaneTab[] = [];
  for (const form of forms) {
    tabs = PANES.map((p, i) => {
      const name = form.names ? ` ${form.names[p]}` : '';
      const label = `${i + 1}${name}${marks[p] ? ` ${marks[p]}` : ''}`;
      return { pane: p, text: p === pane ? `[${label}]` : form.pad ? ` ${label} ` : label };
    });
    if (textWidth(tabs.map((t) => t.text).join(' ')) <= width) return tabs;
  }
  return tabs;
}
