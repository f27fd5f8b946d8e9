import { readFileSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openAudit, operatorName, redactArgv, redactSpec } from '../../src/wizards/engine/audit';
import type { Runbook } from '../../src/wizards/engine/types';
import { tinyRestore, tmpState } from './helpers';
import { setup } from './setup';

const lines = (file: string) =>
  readFileSync(file, 'utf8')
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l));

/** A step whose command and API call carry secrets in every place they usually hide. */
const leaky: Runbook = {
  id: 'leaky',
  title: 'Leaky',
  description: 'secrets everywhere',
  steps: [
    {
      id: 'brs',
      title: 'Restore with credentials',
      explanation: '',
      destructive: false,
      preconditions: [],
      actions: () => [
        {
          id: 'cmd',
          description: 'restore via sidecar',
          destructive: false,
          spec: { kind: 'command', argv: ['backup-restore-sidecar', '--s3-secret-key=S3CRET1', '--encryption-key', 'S3CRET2', 'AWS_ACCESS_KEY_ID=S3CRET3', '--bucket=rack-backups', 'restore', 'v1'] },
        },
        {
          id: 'api',
          description: 'call the api',
          destructive: false,
          spec: { kind: 'api', target: 's3', method: 'GET', path: '/b?X-Amz-Credential=S3CRET4&prefix=metal-db', body: { name: 'ok', auth: { apiToken: 'S3CRET5', password: 'S3CRET6' } } },
        },
      ],
    },
  ],
};

describe('the audit log', () => {
  it('gets one JSON line per event with who, which rack, runbook, run, step, action, spec and outcome', async () => {
    const dir = tmpState();
    const audit = openAudit(dir);
    expect(audit.file).toBe(join(dir, 'audit.log'));
    const { run } = setup({ audit });
    const result = await run();
    const entries = lines(join(dir, 'audit.log'));
    expect(entries[0]).toMatchObject({ event: 'run-start', operator: 'ops@test', rack: 'mini-rack', runbook: 'tiny-restore', runId: result.runId, dryRun: false });
    expect(Date.parse(entries[0].time)).not.toBeNaN();
    expect(entries).toContainEqual(
      expect.objectContaining({
        event: 'action-end',
        step: 'restore',
        action: { id: 'restore', description: `restore metal-db ${result.answers.version}` },
        spec: { kind: 'sim', op: 'restore-backup', args: { component: 'metal-db', version: result.answers.version } },
        outcome: 'ok',
      }),
    );
    expect(entries).toContainEqual(expect.objectContaining({ event: 'answer', step: 'restore', detail: `version=${result.answers.version}` }));
    expect(entries.at(-1)).toMatchObject({ event: 'run-end', outcome: 'done' });
  });

  it('is appended to, never truncated, by the next run', async () => {
    const dir = tmpState();
    await setup({ audit: openAudit(dir) }).run();
    const first = lines(join(dir, 'audit.log')).length;
    await setup({ audit: openAudit(dir), dryRun: true }).run();
    const all = lines(join(dir, 'audit.log'));
    expect(all.length).toBeGreaterThan(first);
    expect(all.slice(first).every((e) => e.dryRun === true)).toBe(true);
  });

  it('never holds a secret from an action spec or an error message', async () => {
    const dir = tmpState();
    const { run, executor } = setup({ audit: openAudit(dir), runbook: leaky }, { decisions: ['skip'] });
    executor.onRun = (a) => {
      if (a.id === 'api') throw new Error('403 for /b?X-Amz-Credential=S3CRET4');
    };
    await run();
    const text = readFileSync(join(dir, 'audit.log'), 'utf8');
    expect(text).not.toMatch(/S3CRET/);
    expect(text).toContain('--bucket=rack-backups');
    expect(text).toContain('"name":"ok"');
  });

  it('redacts --flag=value, --flag value and NAME=value when the name looks secret, and nothing else', () => {
    expect(redactArgv(['brs', '--s3-secret-key=abc', '--password', 'hunter2', 'TOKEN=t', '--bucket=b', '--key-count', '-v', 'restore'])).toEqual([
      'brs',
      '--s3-secret-key=***',
      '--password',
      '***',
      'TOKEN=***',
      '--bucket=b',
      // A secret-looking flag followed by another flag has no value to hide.
      '--key-count',
      '-v',
      'restore',
    ]);
  });

  it('redacts secret-looking keys anywhere in an API body and query', () => {
    const spec = redactSpec({ kind: 'api', target: 'kube', method: 'POST', path: '/x?token=abc&watch=1', body: { items: [{ secretRef: 'a', name: 'n' }] } });
    expect(spec).toEqual({ kind: 'api', target: 'kube', method: 'POST', path: '/x?token=***&watch=1', body: { items: [{ secretRef: '***', name: 'n' }] } });
  });

  it('names the operator as user@host', () => {
    expect(operatorName()).toBe(`${userInfo().username}@${hostname()}`);
  });

  it('the runbook under test is untouched by redaction (specs are copied)', () => {
    const action = tinyRestore().steps[0]?.actions({ snapshot: {} as never, answers: {}, params: {} })[0];
    expect(action && redactSpec(action.spec)).toEqual(action?.spec);
  });
});
