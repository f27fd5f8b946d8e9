/**
 * What a kube lab holds besides its daemons: the token file and service-account key the apiserver reads, a
 * kubeconfig for kubectl, the `limited` user's RBAC and the stand-in Shoot CRD.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { repoRoot, waitFor } from '../proc';
import type { KubeClient } from './client';

/** User `test-user` in system:masters: may do anything. */
export const ADMIN_TOKEN = 'test-token';
/** User `limited`: no group, only what LIMITED_RULES grant (no pods). */
export const LIMITED_TOKEN = 'limited-token';
const LIMITED_ROLE = 'rackpilot-lab-limited';
const SHOOT_CRD = join(repoRoot(import.meta.url), 'test', 'fixtures', 'kube', 'shoot-crd.yaml');

/** pki/tokens.csv (token,user,uid,"groups") and pki/sa.key; returns the CA file the apiserver will write. */
export function writeApiserverFiles(dir: string): string {
  const pki = join(dir, 'pki');
  mkdirSync(pki, { recursive: true });
  const tokens = [`${ADMIN_TOKEN},test-user,uid-1,"system:masters"`, `${LIMITED_TOKEN},limited,uid-2`];
  writeFileSync(join(pki, 'tokens.csv'), `${tokens.join('\n')}\n`, { mode: 0o600 });
  // The service-account flags are mandatory in 1.20 even though no token is ever issued here.
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  writeFileSync(join(pki, 'sa.key'), privateKey.export({ type: 'pkcs1', format: 'pem' }), { mode: 0o600 });
  // With --cert-dir and no --tls-cert-file the apiserver writes its self-signed cert (and CA) here.
  return join(pki, 'apiserver.crt');
}

export function writeKubeconfig(dir: string, server: string, caFile: string): string {
  const path = join(dir, 'kubeconfig');
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'lab', cluster: { server, 'certificate-authority': caFile } }],
    users: [
      { name: 'admin', user: { token: ADMIN_TOKEN } },
      { name: 'limited', user: { token: LIMITED_TOKEN } },
    ],
    contexts: [
      { name: 'lab', context: { cluster: 'lab', user: 'admin' } },
      { name: 'limited', context: { cluster: 'lab', user: 'limited' } },
    ],
    'current-context': 'lab',
  };
  writeFileSync(path, stringify(config), { mode: 0o600 });
  return path;
}

const READ = ['get', 'list', 'watch'];
/** Everything a read-only rackpilot would look at, except pods: so a test can see "no list rights on pods". */
const LIMITED_RULES = [
  { apiGroups: [''], resources: ['nodes', 'namespaces', 'services', 'endpoints', 'configmaps', 'events'], verbs: READ },
  { apiGroups: [''], resources: ['persistentvolumes', 'persistentvolumeclaims'], verbs: READ },
  { apiGroups: ['apps', 'core.gardener.cloud', 'apiextensions.k8s.io'], resources: ['*'], verbs: READ },
];

/** The `limited` user's ClusterRole + binding; waits until the authorizer applies it (it reads from a cache). */
export async function grantLimited(admin: KubeClient, limited: KubeClient, timeoutMs: number): Promise<void> {
  const rbac = '/apis/rbac.authorization.k8s.io/v1';
  await admin.call('POST', `${rbac}/clusterroles`, { metadata: { name: LIMITED_ROLE }, rules: LIMITED_RULES });
  await admin.call('POST', `${rbac}/clusterrolebindings`, {
    metadata: { name: LIMITED_ROLE },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: LIMITED_ROLE },
    subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'limited' }],
  });
  const allowed = async () => (await limited.request('GET', '/api/v1/nodes')).status === 200;
  await waitFor('the limited user may list nodes', allowed, timeoutMs);
}

type Crd = { metadata: { name: string }; status?: { conditions?: { type: string; status: string }[] } };

/** test/fixtures/kube/shoot-crd.yaml, then waits until it is Established and /shoots is served. */
export async function installShootCrd(admin: KubeClient, timeoutMs: number): Promise<void> {
  const crd = parse(readFileSync(SHOOT_CRD, 'utf8')) as Crd;
  const crds = '/apis/apiextensions.k8s.io/v1/customresourcedefinitions';
  await admin.call('POST', crds, crd);
  let last: Crd['status'];
  const established = async () => {
    last = (await admin.call<Crd>('GET', `${crds}/${crd.metadata.name}`)).status;
    const ok = last?.conditions?.some((c) => c.type === 'Established' && c.status === 'True') ?? false;
    return ok && (await admin.request('GET', '/apis/core.gardener.cloud/v1beta1/shoots')).status === 200;
  };
  await waitFor(() => `CRD ${crd.metadata.name} Established (last status: ${JSON.stringify(last)})`, established, timeoutMs);
}
