/**
 * Fuzz tests of the switch output parsers: random text, random JSON, and the lab's real captures with random
 * parts replaced or renamed. Whatever a switch prints, the parser returns data or throws a SourceError with one
 * short line; no other exception escapes, and judged as a command result nothing throws at all.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SourceError } from '../../src/errors';
import { judgeResult } from '../../src/sources/ssh/command-result';
import { parseBgpSummary } from '../../src/sources/ssh/parse-bgp-summary';
import { parseLldp } from '../../src/sources/ssh/parse-lldp';
import { fuzzParams } from '../helpers/fuzz';
import { mutated } from '../helpers/mutate-json';
import { frr, SPINE_ESTABLISHED, SPINE_LLDP } from './frr-fixtures';

const hostileString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('__proto__', 'constructor', 'prototype', '', '\u001b]0;x\u0007', 'a\nb', '\u202e', '1e400', 'Established'),
);
const hostileValue = fc.oneof(fc.jsonValue({ maxDepth: 3 }), hostileString, fc.constantFrom(1e308, -1, Number.MAX_SAFE_INTEGER + 2, 0.5));

/** A capture with 1–5 random replacements or renames anywhere in it. */
const mutatedCapture = (text: string) => mutated(JSON.parse(text), hostileValue, hostileString).map((v) => JSON.stringify(v));

/** Parses; a SourceError must be one short line, anything else fails the property. */
function parsesOrRefuses(parse: () => unknown): void {
  try {
    parse();
  } catch (error) {
    expect(error).toBeInstanceOf(SourceError);
    const message = (error as Error).message;
    expect(message).not.toContain('\n');
    expect(message.length).toBeLessThan(400);
  }
}

const anyOutput = (capture: string) => fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.json({ maxDepth: 4 }), mutatedCapture(capture));

describe('fuzz: switch output parsers', () => {
  it('parseBgpSummary returns sessions or one short SourceError line, whatever vtysh prints', () => {
    fc.assert(
      fc.property(anyOutput(frr(SPINE_ESTABLISHED)), (stdout) => parsesOrRefuses(() => parseBgpSummary('spine', stdout, Date.now()))),
      fuzzParams(),
    );
  });

  it('parseLldp returns neighbours or one short SourceError line, whatever lldpctl prints', () => {
    fc.assert(
      fc.property(anyOutput(frr(SPINE_LLDP)), (stdout) => parsesOrRefuses(() => parseLldp(stdout))),
      fuzzParams(),
    );
  });

  it('a command result with any output, stderr and exit code is judged without throwing', () => {
    fc.assert(
      fc.property(anyOutput(frr(SPINE_ESTABLISHED)), fc.string({ unit: 'binary', maxLength: 200 }), fc.option(fc.integer({ min: -1, max: 255 }), { nil: null }), (stdout, stderr, code) => {
        const judged = judgeResult({ stdout, stderr, code }, ['vtysh', '-c', 'show bgp vrf all summary json'], (out) => parseBgpSummary('spine', out));
        if (!judged.ok) expect(judged.error).not.toContain('\n');
      }),
      fuzzParams(),
    );
  });
});
