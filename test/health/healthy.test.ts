import { describe, expect, it } from 'vitest';
import { DEFAULT_HEALTH_OPTIONS } from '../../src/health';
import { MINUTE } from '../../src/model/time';
import { healthySnapshot } from '../fixtures/snapshot-builder';
import { findings } from './helpers';

describe('a healthy rack', () => {
  it('shows no findings at all', () => {
    expect(findings(healthySnapshot())).toEqual([]);
  });

  it('uses the documented defaults', () => {
    expect(DEFAULT_HEALTH_OPTIONS).toEqual({ stuckPhaseAfter: 15 * MINUTE, sizeDropRatio: 0.5, minVersions: 2, staleAfterIntervals: 2, conditionGrace: 0, switchSyncStale: MINUTE });
  });

  it('ignores undefined options from a half-filled config instead of dropping the defaults', () => {
    expect(findings(healthySnapshot(), { stuckPhaseAfter: undefined, minVersions: undefined })).toEqual([]);
  });
});
