import { readFileSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openAudit, operatorName, readAuditRun, redactArgv, redactCall } from '../../src/wizards/engine/audit';
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
          effect: { op: 'none' },
          calls: [{ kind: 'command', argv: ['backup-restore-sidecar', '--s3-secret-key=S3CRET1', '--encryption-key', 'S3CRET2', 'AWS_ACCESS_KEY_ID=S3CRET3', '--bucket=rack-backups', 'restore', 'v1'] }],
        },
        {
          id: 'api',
          description: 'call the api',
          destructive: false,
          effect: { op: 'none' },
          calls: [
            { kind: 'http', service: 'metal-api', method: 'GET', path: '/v1/health?X-Amz-Credential=S3CRET4&prefix=metal-db', timeout: 1000 },
            { kind: 's3', op: 'copy-version', endpoint: 'https://s3', bucket: 'b', key: 'metal-db/db.tar.gz', versionId: 'v1', metadata: { name: 'ok', apiToken: 'S3CRET5' } },
          ],
        },
      ],
    },
  ],
};

describe('the audit log', () => {
  it('gets one JSON line per event with who, which rack, runbook, run, step, action, effect, calls and outcome', async () => {
    const dir = tmpState();
    const audit = openAudit(dir);
    expect(audit.file).toBe(join(dir, 'audit.log'));
    const { run } = setup({ audit });
    const result = await run();
    const entries = lines(join(dir, 'audit.log'));
    expect(entries[0]).toMatchObject({ event: 'run-start', operator: 'ops@test', rack: 'mini-rack', runbook: 'tiny-restore', runId: result.runId, dryRun: false });
    expect(Date.parse(entries[0].time)).not.toBeNaN();
    const version = result.choices.restore?.versionId;
    expect(entries).toContainEqual(
      expect.objectContaining({
        event: 'action-end',
        step: 'restore',
        action: { id: 'restore', description: `restore metal-db ${version}`, destructive: true },
        effect: { op: 'restore-snapshot', component: 'metal-db', versionId: version },
        outcome: 'ok',
      }),
    );
    expect(entries).toContainEqual(expect.objectContaining({ event: 'action-start', step: 'restore', calls: [{ kind: 'command', argv: ['echo', 'restore'] }] }));
    expect(entries).toContainEqual(expect.objectContaining({ event: 'answer', step: 'restore', outcome: 'confirmed', choice: expect.objectContaining({ versionId: version }) }));
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

  it('never holds a secret from the calls of an action or an error message', async () => {
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
    expect(text).toContain('metal-db/db.tar.gz');
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

  it('redacts secret-looking values in an HTTP query and in S3 metadata', () => {
    expect(redactCall({ kind: 'http', service: 'metal-api', method: 'GET', path: '/x?token=abc&watch=1', timeout: 1 })).toMatchObject({ path: '/x?token=***&watch=1' });
    expect(redactCall({ kind: 's3', op: 'copy-version', endpoint: 'e', bucket: 'b', key: 'k', metadata: { secretRef: 'a', name: 'n' } })).toMatchObject({ metadata: { secretRef: '***', name: 'n' } });
  });

  it('names the operator as user@host', () => {
    expect(operatorName()).toBe(`${userInfo().username}@${hostname()}`);
  });

  it('the runbook under test is untouched by redaction (calls are copied)', () => {
    const action = tinyRestore().steps[0]?.actions({ snapshot: {} as never, runId: 'r', params: {} })[0];
    const call = action?.calls[0];
    expect(call && redactCall(call)).toEqual(call);
  });
});

describe('the audit log read back (a lost journal is judged from it)', () => {
  it('shows its text with escape and control characters made visible', () => {
    const dir = tmpState();
    const audit = openAudit(dir);
    audit.record({ operator: 'ops@test', rack: 'r', runbook: 'recover', runId: 'run-1', dryRun: false, event: 'action-end', outcome: 'ok', action: { id: 'a', description: 'wipe\u001b[2J\nCRIT', destructive: true } });
    expect(readAuditRun(dir, 'run-1')[0]?.action?.description).toBe('wipe\\x1b[2J\\nCRIT');
  });
});
