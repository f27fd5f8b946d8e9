import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SourceError } from '../../../src/errors';
import type { Shoot } from '../../../src/model/shoot';
import { computedStatus, hibernationCell, lastOperationCell, statusCell } from '../../../src/present/shoot-cells';
import { shootFromObject } from '../../../src/sources/kube/shoot-object';
import { trimShoot } from '../../../src/sources/kube/trim';

// Handcrafted after shared/domain/gardener.md §2–3 (a metal shoot of the mini-lab layout).
const C1 = JSON.parse(readFileSync('test/fixtures/kube/shoot-c1.json', 'utf8')) as Record<string, unknown>;
const withStatus = (status: object, spec: object = {}) => shootFromObject({ metadata: { name: 'x', namespace: 'garden-p' }, spec, status });

describe('a Shoot from the garden, as the model holds it', () => {
  it('reads what the panes, the rules and kubectl -o wide show', () => {
    const s = shootFromObject(C1);
    expect(s).toMatchObject<Partial<Shoot>>({
      project: 'p1',
      name: 'c1',
      namespace: 'garden-p1',
      technicalId: 'shoot--p1--c1',
      seed: 'local',
      kubernetesVersion: '1.30.8',
      purpose: 'evaluation',
      partition: 'mini-lab',
      hibernated: false,
      hibernationEnabled: false,
      cloudProfile: 'metal',
      provider: 'metal',
      region: 'local',
      statusLabel: 'unhealthy',
      gardenerVersion: 'v1.110.0',
      createdAt: Date.parse('2026-05-04T08:00:00Z'),
      workers: [{ name: 'group-0', minimum: 1, maximum: 2, machineType: 'v1-small-x86' }],
      lastOperation: { type: 'Reconcile', state: 'Error', progress: 42, description: 'Waiting for infrastructure', lastUpdateTime: Date.parse('2026-05-04T09:00:00Z') },
      lastErrors: [{ description: 'infrastructure: quota exceeded', taskID: 'Waiting until shoot infrastructure has been reconciled', codes: ['ERR_INFRA_DEPENDENCIES'], lastUpdateTime: Date.parse('2026-05-04T09:00:00Z') }],
    });
    expect(s.conditions.map((c) => `${c.type}=${c.status}`)).toEqual([
      'APIServerAvailable=True',
      'ControlPlaneHealthy=True',
      'ObservabilityComponentsHealthy=Progressing',
      'EveryNodeReady=False',
      'SystemComponentsHealthy=True',
    ]);
    expect(s.constraints?.map((c) => c.type)).toEqual(['HibernationPossible', 'MaintenancePreconditionsSatisfied']);
    expect([lastOperationCell(s), hibernationCell(s), statusCell(s)]).toEqual(['Reconcile Error (42%)', 'Awake', 'unhealthy']);
  });

  it('reads a Shoot just created (no status yet) and a newer Gardener (spec.cloudProfile.name)', () => {
    const s = shootFromObject({ metadata: { name: 'new', namespace: 'garden-p2' }, spec: { cloudProfile: { kind: 'CloudProfile', name: 'metal' } } });
    expect(s).toMatchObject({ project: 'p2', technicalId: 'shoot--p2--new', cloudProfile: 'metal', conditions: [], lastErrors: [] });
    expect([lastOperationCell(s), hibernationCell(s), statusCell(s)]).toEqual(['<pending>', 'Awake', 'healthy']);
  });

  it('maps the same from what the watch cache keeps as from the whole object', () => {
    expect(shootFromObject(trimShoot(C1))).toEqual(shootFromObject(C1));
    expect(shootFromObject(trimShoot({ metadata: { name: 'new', namespace: 'garden-p2' } }))).toEqual(shootFromObject({ metadata: { name: 'new', namespace: 'garden-p2' } }));
  });

  it('refuses an object of the wrong shape with the path, never as an empty shoot', () => {
    expect(() => shootFromObject({ metadata: { name: 'x' } })).toThrow(new SourceError('unexpected output shape: metadata.namespace is missing'));
    expect(() => withStatus({ conditions: [{ status: 'True' }] })).toThrow(/status\.conditions\[0\]\.type is missing/);
  });
});

describe('the cells Gardener computes, computed the same way', () => {
  it.each([
    [true, true, 'Hibernated'],
    [true, false, 'Hibernating'],
    [false, true, 'Waking Up'],
    [false, false, 'Awake'],
  ] as const)('hibernation enabled %s, hibernated %s: %s', (enabled, hibernated, cell) => {
    expect(hibernationCell(withStatus({ hibernated }, { hibernation: { enabled } }))).toBe(cell);
  });

  const op = (type: string, state: string) => ({ type, state, progress: 100, lastUpdateTime: '2026-05-04T09:00:00Z' });
  const cond = (status: string) => ({ type: 'EveryNodeReady', status });
  const err = [{ description: 'boom' }];
  it.each([
    ['no last operation', {}, 'healthy'],
    ['Create Processing without errors', { lastOperation: op('Create', 'Processing') }, 'healthy'],
    ['Create Error with errors', { lastOperation: op('Create', 'Error'), lastErrors: err }, 'unhealthy'],
    ['Create Succeeded judges conditions', { lastOperation: op('Create', 'Succeeded'), conditions: [cond('Unknown')] }, 'unknown'],
    ['Delete with errors', { lastOperation: op('Delete', 'Processing'), lastErrors: err }, 'unhealthy'],
    ['Reconcile Succeeded, a condition Progressing', { lastOperation: op('Reconcile', 'Succeeded'), conditions: [cond('Progressing')] }, 'progressing'],
    ['Reconcile Processing with errors', { lastOperation: op('Reconcile', 'Processing'), lastErrors: err, conditions: [cond('True')] }, 'unhealthy'],
    ['Reconcile Processing without errors', { lastOperation: op('Reconcile', 'Processing'), conditions: [cond('True')] }, 'healthy'],
    ['Reconcile Error, conditions True', { lastOperation: op('Reconcile', 'Error'), conditions: [cond('True')] }, 'unhealthy'],
    ['Reconcile Succeeded, a condition False', { lastOperation: op('Reconcile', 'Succeeded'), conditions: [cond('False')] }, 'unhealthy'],
  ])('%s: %s', (_what, status, expected) => {
    expect(computedStatus(withStatus(status))).toBe(expected);
  });
});
