/**
 * `rackpilot doctor` for one Kubernetes context: can we reach and authenticate to it, which server version, and
 * may we list and watch everything its sources read (asked with SelfSubjectAccessReview, so the answer is the
 * API's own, not a guess from a failed request).
 */
import type { KubeApi } from '../../clients/kube/kube-api';
import { describeError } from '../../errors';
import { visibleData } from '../../text/visible-data';

export interface ResourceNeed {
  readonly group: string;
  readonly resource: string;
  /** Read where readable (etcd-druid's Etcds): not granted is noted, not a failure. */
  readonly optional?: boolean;
}

export const GARDEN_NEEDS: readonly ResourceNeed[] = [{ group: 'core.gardener.cloud', resource: 'shoots' }];
export const CLUSTER_NEEDS: readonly ResourceNeed[] = [
  { group: '', resource: 'nodes' },
  { group: '', resource: 'pods' },
  { group: 'apps', resource: 'deployments' },
  { group: 'apps', resource: 'statefulsets' },
  { group: 'druid.gardener.cloud', resource: 'etcds', optional: true },
];

export interface ContextCheck {
  /** garden, initial, or the nested shoot. */
  readonly role: string;
  readonly context: string;
  readonly ok: boolean;
  readonly server?: string;
  readonly version?: string;
  /** One line: what may be read, or why the check failed. */
  readonly detail: string;
  readonly millis: number;
}

const name = (n: ResourceNeed) => (n.group ? `${n.resource}.${n.group}` : n.resource);

export async function checkContext(role: string, context: string, connect: () => Promise<KubeApi>, needs: readonly ResourceNeed[]): Promise<ContextCheck> {
  const started = Date.now();
  const done = (rest: Omit<ContextCheck, 'role' | 'context' | 'millis'>): ContextCheck =>
    visibleData({ role, context, ...rest, millis: Date.now() - started });
  let api: KubeApi;
  let version: string | undefined;
  try {
    api = await connect();
    const v = (await api.get('/version')) as { gitVersion?: unknown };
    version = typeof v?.gitVersion === 'string' ? v.gitVersion : undefined;
  } catch (error) {
    return done({ ok: false, detail: describeError(error) });
  }
  try {
    const denied: string[] = [];
    const skipped: string[] = [];
    for (const need of needs) {
      for (const verb of ['list', 'watch']) {
        if (await allowed(api, need, verb)) continue;
        if (need.optional) skipped.push(`${verb} ${name(need)}`);
        else denied.push(`${verb} ${name(need)}`);
      }
    }
    const granted = needs.filter((n) => !skipped.some((x) => x.endsWith(` ${name(n)}`))).map(name);
    const note = skipped.length > 0 ? `; optional, not granted: ${skipped.join(', ')}` : '';
    if (denied.length > 0) return done({ ok: false, server: api.server, ...(version ? { version } : {}), detail: `may not ${denied.join(', ')}${note}` });
    return done({ ok: true, server: api.server, ...(version ? { version } : {}), detail: `may list and watch ${granted.join(', ')}${note}` });
  } catch (error) {
    return done({ ok: false, server: api.server, ...(version ? { version } : {}), detail: describeError(error) });
  } finally {
    api.close();
  }
}

async function allowed(api: KubeApi, need: ResourceNeed, verb: string): Promise<boolean> {
  const review = await api.post('/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', {
    apiVersion: 'authorization.k8s.io/v1',
    kind: 'SelfSubjectAccessReview',
    spec: { resourceAttributes: { group: need.group, resource: need.resource, verb } },
  });
  return (review as { status?: { allowed?: unknown } })?.status?.allowed === true;
}
