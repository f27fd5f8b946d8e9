import { describe, expect, it } from 'vitest';
import { filterRows, makeRow } from '../../src/present/rows';

const rows = ['machine0120', 'machine0121', 'machine0212', 'switch01', 'Machine012-spare'].map((id) => makeRow(id, [id]));
const ids = (filter: string) => filterRows(rows, filter).map((r) => r.id);

describe('filterRows', () => {
  it('matches case-insensitively on every row while the filter is typed, shortened and typed again', () => {
    expect(ids('m')).toEqual(['machine0120', 'machine0121', 'machine0212', 'Machine012-spare']);
    expect(ids('machine012')).toEqual(['machine0120', 'machine0121', 'Machine012-spare']);
    expect(ids('machine0121')).toEqual(['machine0121']);
    // Back to a shorter text: rows the longer one dropped come back.
    expect(ids('machine0')).toEqual(['machine0120', 'machine0121', 'machine0212', 'Machine012-spare']);
    expect(ids('01')).toEqual(['machine0120', 'machine0121', 'switch01', 'Machine012-spare']);
    expect(ids('SWITCH')).toEqual(['switch01']);
  });

  it('returns the same rows for the same text, and all rows for an empty one', () => {
    expect(filterRows(rows, 'machine')).toBe(filterRows(rows, 'machine'));
    expect(filterRows(rows, '  ')).toBe(rows);
  });
});
