/**
 * http calls of the real executor (the metal-api poll of recover's metal-stack step) against the metal-api stand-in
 * (test/helpers/metal-api-server.ts): polled until it answers 2xx, failed at the timeout with what it said last,
 * and wired from a config's metalApi: (its token) or failed plainly without one.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { realExecutor } from '../../../commands/wizard/real-executor';
import { createMetalApi } from '../../../src/clients/metal-api/metal-api';
import { loadConfig } from '../../../src/config';
import type { RealCall } from '../../../src/wizards/engine/calls';
import type { Executor } from '../../../src/wizards/engine/types';
import { createRealExecutor } from '../../../src/wizards/real-executor/real-executor';
import { MetalApiServer, type Route } from '../../helpers/metal-api-server';

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function metalApi(route: Route, tokens: string[] = []) {
  const server = new MetalApiServer({ routes: { 'GET /v1/health': route, 'GET /v1/version': route }, tokens });
  const url = await server.listen();
  cleanup.push(() => server.close());
  return { server, url };
}

/** Unhealthy (500, as metal-api says while RethinkDB is not there) for the first `n` asks, then healthy. */
function healthyAfter(n: number): Route {
  let asked = 0;
  return () => (++asked > n ? { body: { status: 'healthy', message: 'all services healthy' } } : { status: 500, body: { statuscode: 500, message: 'rethinkdb: connection refused' } });
}

const health = (timeout: number, path = '/v1/health'): RealCall => ({ kind: 'http', service: 'metal-api', method: 'GET', path, timeout });

async function run(executor: Executor, call: RealCall) {
  const lines: string[] = [];
  const outcome = await executor.run({ id: 'metal-api', description: 'poll', effect: { op: 'none' }, calls: [call], destructive: false }, { signal: new AbortController().signal, output: (l) => lines.push(l) });
  return { outcome, lines };
}

describe('http calls against the metal-api stand-in', () => {
  it('polls until metal-api answers 2xx, saying once what it answered meanwhile', async () => {
    const { server, url } = await metalApi(healthyAfter(3));
    const executor = createRealExecutor({ metalApi: async () => createMetalApi({ url, timeout: 2000 }), httpPollEvery: 50 });
    const { outcome, lines } = await run(executor, health(20 * 60_000));
    expect(outcome).toEqual({ ok: true });
    expect(lines[0]).toBe('metal-api GET /v1/health until it answers (at most 20 min)');
    expect(lines[1]).toBe('metal-api does not answer yet: metal-api GET /v1/health: 500 rethinkdb: connection refused');
    expect(lines[2]).toMatch(/^metal-api GET \/v1\/health answered after 4 tries \(\d+(\.\d)? s\)$/);
    expect(lines).toHaveLength(3);
    expect(server.seen.filter((s) => s.path === '/v1/health')).toHaveLength(4);
  });

  it('fails at its timeout with the last error when metal-api never becomes healthy', async () => {
    const { url } = await metalApi(healthyAfter(Infinity));
    const executor = createRealExecutor({ metalApi: async () => createMetalApi({ url, timeout: 2000 }), httpPollEvery: 100 });
    const started = Date.now();
    const { outcome } = await run(executor, health(700));
    expect(outcome.ok).toBe(false);
    expect(outcome.error).toMatch(
      /^call 1\/1 \(metal-api GET \/v1\/health until it answers \(at most 1 s\)\): metal-api GET \/v1\/health: no answer within 0\.7 s \(\d+ tries\); last: metal-api GET \/v1\/health: 500 rethinkdb: connection refused$/,
    );
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('holds a request that hangs to the time left, so the call still ends at its timeout', async () => {
    const { url } = await metalApi(() => 'hang');
    const executor = createRealExecutor({ metalApi: async () => createMetalApi({ url, timeout: 60_000 }), httpPollEvery: 100 });
    const started = Date.now();
    const { outcome } = await run(executor, health(800));
    expect(outcome.error).toMatch(/: metal-api GET \/v1\/health: no answer within 0\.8 s \(1 try\); last: no answer to a try within the 0\.8 s left$/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('fails saying so when the config has no metalApi:, and nothing is asked', async () => {
    const { outcome } = await run(createRealExecutor(), health(60_000));
    expect(outcome).toEqual({ ok: false, error: expect.stringMatching(/^call 1\/1 \(.*\): no metalApi: section in the config, so metal-api cannot be asked: add one, or check it by hand and skip this step$/) });
  });
});

describe('http calls wired from the config', () => {
  it("asks with the metalApi: section's token (read from the environment) and fails plainly when it is not set", async () => {
    const { server, url } = await metalApi(healthyAfter(0), ['the-token']);
    const dir = mkdtempSync(join(tmpdir(), 'rackpilot-http-call-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'rack.yaml');
    writeFileSync(file, `rack: { name: lab }\nmetalApi: { url: "${url}", tokenEnv: METAL_TOKEN }\n`);
    const { config } = await loadConfig({ flags: { config: file }, env: { HOME: dir } });
    const ok = await run(realExecutor(config, { METAL_TOKEN: 'the-token' }), health(10_000, '/v1/version'));
    expect(ok.outcome).toEqual({ ok: true });
    expect(server.seen.at(-1)).toMatchObject({ path: '/v1/version', authorization: 'Bearer the-token' });
    const unset = await run(realExecutor(config, {}), health(10_000, '/v1/version'));
    expect(unset.outcome.error).toMatch(/: metal-api: the environment variable METAL_TOKEN \(named by metalApi:\) is not set$/);
  });
});
