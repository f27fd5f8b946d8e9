/**
 * The guard of the one boundary for outside text (src/store/admit.ts): a source's answer reaches the model only
 * through the store, which makes its text visible. A new source (Kubernetes, metal-api, S3) is safe by being a
 * Source the store runs; code that read a source's poll itself would bypass that, and fails here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');

function files(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)));
}

describe('outside text enters the model in one place', () => {
  it('no code but the store reads a Source poll (sources may poll their own readers)', () => {
    const offenders = [...files('src'), ...files('commands'), ...files('views')].filter((f) => {
      if (f.startsWith('src/store/') || f.startsWith('src/sources/')) return false;
      return /\.poll\(/.test(readFileSync(join(ROOT, f), 'utf8'));
    });
    expect(offenders).toEqual([]);
  });

  it('the store admits every answer and every error through admit.ts', () => {
    const store = readFileSync(join(ROOT, 'src/store/rack-store.ts'), 'utf8');
    expect(store).toMatch(/admitData\(/);
    expect(store).toMatch(/admitMessage\(/);
    // The only assignments of a source's data go through take(), which admits it.
    expect(store.match(/entry\.data = /g)).toHaveLength(1);
  });

  it('doctor, which reads switches without the store, makes what they said visible itself', () => {
    expect(readFileSync(join(ROOT, 'src/sources/ssh/check-switch.ts'), 'utf8')).toMatch(/visibleData\(/);
  });
});
