import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { layerOverrides } from '../scripts/layers';

describe('the layer rules', () => {
  it('in biome.json are the ones the table in scripts/layers.ts gives (run `npm run layers` after changing it)', () => {
    const config = JSON.parse(readFileSync(new URL('../biome.json', import.meta.url), 'utf8')) as { overrides: unknown[] };
    expect(config.overrides).toEqual(layerOverrides());
  });

  it('keep every src/ folder off React, Ink, views/ and commands/, and the network libraries inside src/clients/', () => {
    for (const o of layerOverrides() as { includes: string[]; linter: { rules: { style: { noRestrictedImports: { options: { paths: Record<string, string>; patterns?: { group: string[] }[] } } } } } }[]) {
      const { paths, patterns = [] } = o.linter.rules.style.noRestrictedImports.options;
      const src = o.includes.every((i) => i.startsWith('src/') || i.startsWith('!src/'));
      if (src) expect(Object.keys(paths)).toEqual(expect.arrayContaining(['react', 'ink']));
      if (src) expect(patterns[0]?.group).toEqual(expect.arrayContaining(['**/views/**', '**/commands/**']));
      if (!o.includes.includes('src/clients/**')) expect(Object.keys(paths)).toEqual(expect.arrayContaining(['execa', 'node-ssh', '@kubernetes/client-node', '@aws-sdk/client-s3']));
    }
  });
});
