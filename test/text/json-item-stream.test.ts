// The scan that splits a JSON list into its items as its bytes stream in, held against JSON.parse: on every list,
// cut into chunks anywhere (inside a string, an escape, a multi-byte character), it gives the items JSON.parse gives,
// and what it accepts with items that each parse, JSON.parse accepts as the same list.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonListSplitter } from '../../src/text/json-item-stream';
import { fuzzParams } from '../helpers/fuzz';

const parses = (text: string): { ok: true; value: unknown } | { ok: false } => {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
};

/** The items' texts (whitespace after each trimmed), or undefined when the bytes are not a list frame; `cuts` splits the bytes into chunks. */
function split(text: string, cuts: readonly number[] = []): string[] | undefined {
  const bytes = Buffer.from(text, 'utf8');
  const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const items: string[] = [];
  const splitter = new JsonListSplitter((pieces) => items.push(Buffer.concat(pieces).toString('utf8').replace(/[ \n\r\t]+$/, '')));
  let from = 0;
  for (const to of [...at, bytes.length]) {
    if (!splitter.push(bytes.subarray(from, to))) return undefined;
    from = to;
  }
  return splitter.end() ? items : undefined;
}

/** JSON text of a list as a server may write it: compact, indented, or with whitespace around every token. */
const listText = fc.tuple(fc.array(fc.jsonValue({ maxDepth: 4 }), { maxLength: 8 }), fc.constantFrom(undefined, 2, '\t')).map(([v, indent]) => JSON.stringify(v, null, indent));
const cuts = fc.array(fc.nat(), { maxLength: 6 });

describe('JsonListSplitter', () => {
  it('splits a list into the texts of its items, in one chunk or cut anywhere', () => {
    const text = ' [ {"a":"x\\"],{"}, [1, [2]] ,"s\\\\", null ,-1.5e3, "ü⭕" ]\n';
    const items = ['{"a":"x\\"],{"}', '[1, [2]]', '"s\\\\"', 'null', '-1.5e3', '"ü⭕"'];
    expect(split(text)).toEqual(items);
    for (let at = 0; at <= Buffer.byteLength(text); at++) expect(split(text, [at]), `cut at ${at}`).toEqual(items);
    expect(split('[]')).toEqual([]);
    expect(split(' [ \r\n\t] ')).toEqual([]);
  });

  it('follows an escaped quote or backslash across a cut', () => {
    const text = '["a\\\\\\"b\\\\", "c"]';
    for (let at = 0; at <= text.length; at++) expect(split(text, [at]), `cut at ${at}`).toEqual(['"a\\\\\\"b\\\\"', '"c"']);
  });

  it('refuses what is not a list frame: not a list, cut off, a stray separator or bracket, anything after it', () => {
    for (const text of ['', '{"a":[1]}', '"[1]"', '[1,2', '[{"a":"b]', '[1,]', '[,1]', '[1}]', '[{"a":1}}, 2]', '[1] x', '[1]]', '<html>[1]</html>', '[1]\u00a0', '["a\\"]']) {
      expect(split(text), text).toBeUndefined();
    }
  });

  it('gives, for any list JSON.stringify writes, cut anywhere, the items JSON.parse gives', () => {
    fc.assert(
      fc.property(listText, cuts, (text, at) => {
        expect(split(text, at)?.map((item) => JSON.parse(item))).toEqual(JSON.parse(text));
      }),
      fuzzParams(),
    );
  });

  it('accepts no text whose items all parse unless JSON.parse reads it as the same list (random and damaged text)', () => {
    const damaged = fc.tuple(listText, fc.nat(), fc.constantFrom('', '"', '\\', ',', ']', '[', '}', '{', ' ', 'x')).map(([t, at, s]) => t.slice(0, at % (t.length + 1)) + s + t.slice(at % (t.length + 1) + 1));
    fc.assert(
      fc.property(fc.oneof(damaged, fc.string({ maxLength: 40 })), cuts, (text, at) => {
        const items = split(text, at);
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
