// The scan that splits a JSON list into its items' texts, held against JSON.parse: on every list it gives the items
// JSON.parse gives, and what it accepts with items that each parse, JSON.parse accepts as the same list.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonArrayItems } from '../../src/text/json-items';
import { fuzzParams } from '../helpers/fuzz';

const parses = (text: string): { ok: true; value: unknown } | { ok: false } => {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
};

/** JSON text of a list as a server may write it: compact, indented, or with whitespace around every token. */
const listText = fc.tuple(fc.array(fc.jsonValue({ maxDepth: 4 }), { maxLength: 8 }), fc.constantFrom(undefined, 2, '\t')).map(([v, indent]) => JSON.stringify(v, null, indent));

describe('jsonArrayItems', () => {
  it('splits a list into the texts of its items', () => {
    expect(jsonArrayItems(' [ {"a":"x\\"],{"}, [1, [2]] ,"s\\\\", null ,-1.5e3 ]\n')).toEqual(['{"a":"x\\"],{"}', '[1, [2]]', '"s\\\\"', 'null', '-1.5e3']);
    expect(jsonArrayItems('[]')).toEqual([]);
    expect(jsonArrayItems(' [ \r\n\t] ')).toEqual([]);
  });

  it('refuses what is not a list frame: not a list, cut off, a stray separator or bracket, anything after it', () => {
    for (const text of ['', '{"a":[1]}', '"[1]"', '[1,2', '[{"a":"b]', '[1,]', '[,1]', '[1}]', '[{"a":1}}, 2]', '[1] x', '[1]]', '<html>[1]</html>', '[1]\u00a0']) {
      expect(jsonArrayItems(text), text).toBeUndefined();
    }
  });

  it('gives, for any list JSON.stringify writes, the items JSON.parse gives', () => {
    fc.assert(
      fc.property(listText, (text) => {
        const items = jsonArrayItems(text);
        expect(items?.map((item) => JSON.parse(item))).toEqual(JSON.parse(text));
      }),
      fuzzParams(),
    );
  });

  it('accepts no text whose items all parse unless JSON.parse reads it as the same list (random and damaged text)', () => {
    const damaged = fc.tuple(listText, fc.nat(), fc.constantFrom('', '"', '\\', ',', ']', '[', '}', '{', ' ', 'x')).map(([t, at, s]) => t.slice(0, at % (t.length + 1)) + s + t.slice(at % (t.length + 1) + 1));
    fc.assert(
      fc.property(fc.oneof(damaged, fc.string({ maxLength: 40 })), (text) => {
        const items = jsonArrayItems(text);
        const whole = parses(text);
        if (whole.ok && Array.isArray(whole.value)) expect(items).toHaveLength(whole.value.length);
        if (!items) return;
        const each = items.map(parses);
        if (each.every((p) => p.ok)) expect(whole).toEqual({ ok: true, value: each.map((p) => (p.ok ? p.value : undefined)) });
      }),
      fuzzParams(1000),
    );
  });
});
