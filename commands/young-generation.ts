/**
 * V8's young generation grown to its cap before the first poll (bin/v8-memory.cjs holds the cap and says why).
 * Started other than through bin/rackpilot (tests, a bare `node dist/rackpilot.js`), there is nothing to call and
 * V8 keeps its defaults.
 */
export function growYoungGeneration(): void {
  const grow: unknown = Reflect.get(process, Symbol.for('rackpilot.growYoungGeneration'));
  if (typeof grow === 'function') grow();
}
