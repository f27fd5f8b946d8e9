import { describe, expect, it } from 'vitest';
import { INITIAL_UI, moveSelection, uiReducer } from '../../src/present/ui-state';

describe('TUI navigation state', () => {
  it('starts on the overview and cycles through the seven panes both ways', () => {
    expect(INITIAL_UI.pane).toBe('overview');
    let s = INITIAL_UI;
    const seen = [];
    for (let i = 0; i < 7; i++) {
      s = uiReducer(s, { type: 'cycle', delta: 1 });
      seen.push(s.pane);
    }
    expect(seen).toEqual(['topology', 'bgp', 'machines', 'shoots', 'backups', 'control-planes', 'overview']);
    expect(uiReducer(INITIAL_UI, { type: 'cycle', delta: -1 }).pane).toBe('control-planes');
  });

  it('Esc closes the help overlay first, then clears the filter, then closes the detail', () => {
    let s = uiReducer(INITIAL_UI, { type: 'pane', pane: 'machines' });
    s = uiReducer(s, { type: 'open', id: 'm1' });
    s = uiReducer(s, { type: 'filter-start' });
    s = uiReducer(s, { type: 'filter-text', text: 'worker' });
    s = uiReducer(s, { type: 'filter-end' });
    s = uiReducer(s, { type: 'open', id: 'm1' });
    s = uiReducer(s, { type: 'overlay', overlay: 'help' });
    s = uiReducer(s, { type: 'back' });
    expect(s.overlay).toBe('none');
    expect(s.panes.machines.filter).toBe('worker');
    s = uiReducer(s, { type: 'back' });
    expect(s.panes.machines.filter).toBe('');
    expect(s.panes.machines.detailId).toBe('m1');
    s = uiReducer(s, { type: 'back' });
    expect(s.panes.machines.detailId).toBeUndefined();
  });

  it('each pane keeps its own selection and filter', () => {
    let s = uiReducer(INITIAL_UI, { type: 'pane', pane: 'bgp' });
    s = uiReducer(s, { type: 'select', id: 'leaf01/default/ipv4Unicast/Ethernet0' });
    s = uiReducer(s, { type: 'pane', pane: 'machines' });
    s = uiReducer(s, { type: 'filter-text', text: 'fw' });
    expect(s.panes.bgp.selectedId).toBe('leaf01/default/ipv4Unicast/Ethernet0');
    expect(s.panes.bgp.filter).toBe('');
    expect(s.panes.machines.filter).toBe('fw');
  });

  it('a jump from a finding switches pane, clears its filter and selects the subject', () => {
    let s = uiReducer(INITIAL_UI, { type: 'pane', pane: 'machines' });
    s = uiReducer(s, { type: 'filter-text', text: 'zzz' });
    s = uiReducer(s, { type: 'pane', pane: 'overview' });
    s = uiReducer(s, { type: 'jump', pane: 'machines', id: 'm4' });
    expect(s.pane).toBe('machines');
    expect(s.panes.machines).toMatchObject({ selectedId: 'm4', filter: '' });
  });

  it('moving the selection stops at both ends and survives a vanished row', () => {
    const ids = ['a', 'b', 'c'];
    expect(moveSelection(ids, undefined, 1)).toBe('b');
    expect(moveSelection(ids, 'c', 5)).toBe('c');
    expect(moveSelection(ids, 'a', -3)).toBe('a');
    expect(moveSelection(ids, 'gone', 1)).toBe('b');
    expect(moveSelection([], 'a', 1)).toBeUndefined();
  });

  it('detail scrolling stays within the detail', () => {
    let s = uiReducer(INITIAL_UI, { type: 'open', id: 'x' });
    s = uiReducer(s, { type: 'detail-scroll', delta: -5, max: 10 });
    expect(s.panes.overview.detailOffset).toBe(0);
    s = uiReducer(s, { type: 'detail-scroll', delta: 50, max: 10 });
    expect(s.panes.overview.detailOffset).toBe(10);
  });
});
