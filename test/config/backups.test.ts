// backups: the S3 backup components, their mini-rack defaults, credentials by name only, and clear errors.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { cronPeriod } from '../../src/config/backup-defaults';
import { profileKeys } from '../../src/config/aws-profile';
import { configError, tempDir, writeConfig } from './helpers';

const load = (text: string) => {
  const dir = tempDir();
  const file = writeConfig(text, 'rackpilot.yaml', dir);
  return { file, dir, run: () => loadConfig({ flags: { config: file }, env: { HOME: dir } }) };
};

describe('config: backups', () => {
  it('fills the mini-rack defaults: sidecar, prefix = id, every 3 min, 20 kept, path-style, real mode', async () => {
    const { config } = await load('backups:\n  - { id: metal-db, endpoint: "http://s3.example:7480", bucket: backups, accessKeyIdEnv: AK, secretAccessKeyEnv: SK }\n').run();
    expect(config.mode).toBe('real');
    expect(config.rack.networks).toEqual(['10.0.0.0/8', '192.168.1.0/24']);
    expect(config.backups).toEqual([
      {
        id: 'metal-db',
        name: 'metal-db',
        owner: 'initial metal-stack',
        tool: 'backup-restore-sidecar',
        database: 'rethinkdb',
        endpoint: 'http://s3.example:7480',
        region: 'us-east-1',
        bucket: 'backups',
        prefix: 'metal-db',
        pathStyle: true,
        schedule: '*/3 * * * *',
        scheduleEvery: 180_000,
        versionsKept: 20,
        credentials: { env: { accessKeyId: 'AK', secretAccessKey: 'SK' } },
        interval: 60_000,
        timeout: 10_000,
      },
    ]);
  });

  it('reads files relative to the config, a profile from ~/.aws/credentials, and rack.networks', async () => {
    const l = load(`rack: { networks: [172.16.0.0/12, "fd00::/8"] }
backups:
  - { id: ipam-db, endpoint: https://s3.example, bucket: b-1, accessKeyIdFile: keys/id, secretAccessKeyFile: keys/secret }
  - { id: k3s-etcd, tool: k3s-etcd-snapshot, endpoint: https://s3.example, bucket: b-1, profile: backup-ro, schedule: "0 */6 * * *" }
`);
    const { config } = await l.run();
    expect(config.rack.networks).toEqual(['172.16.0.0/12', 'fd00::/8']);
    expect(config.backups[0]?.credentials).toEqual({ files: { accessKeyId: `${l.dir}/keys/id`, secretAccessKey: `${l.dir}/keys/secret` } });
    expect(config.backups[0]?.database).toBe('postgres');
    expect(config.backups[1]).toMatchObject({ owner: 'k3s', database: 'etcd', scheduleEvery: 6 * 3_600_000, versionsKept: 5, credentials: { profile: { name: 'backup-ro', file: `${l.dir}/.aws/credentials` } } });
  });

  it.each([
    ['an inline secret, never echoed', 'secretAccessKey: wJalrXUtnFEMI-not-shown', 'backups.0.secretAccessKey', /expected no secret in the config/],
    ['no credentials', '', 'backups.0.accessKeyIdEnv', /expected credentials/],
    ['half of a pair', 'accessKeyIdEnv: AK', 'backups.0.secretAccessKeyEnv', /expected both/],
    ['two kinds', 'accessKeyIdEnv: AK\n    secretAccessKeyEnv: SK\n    profile: p', 'backups.0.accessKeyIdEnv', /one kind of credentials/],
    ['a cron without an obvious period', 'profile: p\n    schedule: "5 4 * * 1"', 'backups.0.scheduleEvery', /expected scheduleEvery/],
    ['a database not told by the id', 'profile: p\n    id: mydb', 'backups.0.database', /expected database/],
    ['a misspelt key', 'profile: p\n    bukket: x', 'backups.0.bukket', /did you mean "bucket"/],
  ])('refuses %s, naming file and key', async (_, extra, key, expected) => {
    const base = { id: 'metal-db', endpoint: 'http://s3:7480', bucket: 'backups' };
    const lines = Object.entries(base).filter(([k]) => !(k === 'id' && extra.includes('id:'))).map(([k, v]) => `    ${k}: ${v}`);
    const l = load(`backups:\n  -\n${lines.join('\n')}\n${extra ? `    ${extra}\n` : ''}`);
    const e = await configError(l.run);
    expect(e.file).toBe(l.file);
    expect(e.keyPath).toBe(key);
    expect(e.message).toMatch(expected);
    expect(e.message).not.toContain('wJalrXUtnFEMI');
  });

  it('refuses duplicate ids and a bad network', async () => {
    const dup = load('backups:\n  - { id: a-db, database: postgres, endpoint: http://s, bucket: bbb, profile: p }\n  - { id: a-db, database: postgres, endpoint: http://s, bucket: bbb, profile: p }\n');
    expect((await configError(dup.run)).keyPath).toBe('backups.1.id');
    const net = load('rack: { networks: [10.0.0.0/33] }\n');
    expect((await configError(net.run)).message).toMatch(/rack.networks.0: expected a list of networks in CIDR notation/);
  });

  it('derives the period of simple cron schedules', () => {
    expect(cronPeriod('*/3 * * * *')).toBe(180_000);
    expect(cronPeriod('0 * * * *')).toBe(3_600_000);
    expect(cronPeriod('0 0 * * *')).toBe(86_400_000);
    expect(cronPeriod('0 0 * * 1')).toBeUndefined();
  });

  it('reads static keys of a profile and refuses SSO by name', () => {
    const ini = '[default]\naws_access_key_id = A\naws_secret_access_key = S\n[profile sso]\nsso_start_url = https://x\n';
    expect(profileKeys(ini, 'default')).toEqual({ accessKeyId: 'A', secretAccessKey: 'S' });
    expect(profileKeys(ini, 'sso')).toMatch(/uses sso_start_url/);
    expect(profileKeys(ini, 'nope')).toBe('has no profile [nope]');
  });
});
