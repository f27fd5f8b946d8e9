/**
 * `etcd (initial)` / `etcd (<shoot>)`: etcd-druid's Etcd resources (druid.gardener.cloud/v1alpha1) in a cluster,
 * watched, as the etcds domain: Ready, AllMembersReady and whether full and delta snapshots are on schedule. The
 * resource is optional: where etcd-druid is not installed (404) or not granted (403, doctor says so) the source
 * shows nothing and is not in error.
 */
import type { KubeApi } from '../../clients/kube/kube-api';
import { KubeError } from '../../clients/kube/kube-error';
import type { EtcdState } from '../../model/control-plane';
import type { Source } from '../source';
import { etcdFromObject } from './cluster-objects';
import { PollAnswer } from './poll-answer';
import type { ClusterRole } from './control-plane-source';
import { trimEtcd } from './trim';
import { WatchedCollection } from './watched-collection';

export function createEtcdSource(o: { readonly api: () => Promise<KubeApi>; readonly role: ClusterRole; readonly interval: number; readonly timeout: number }): Source {
  const etcds = new WatchedCollection(o.api, '/apis/druid.gardener.cloud/v1alpha1/etcds', etcdFromObject(o.role.cluster), trimEtcd);
  const answer = new PollAnswer((items: readonly EtcdState[]) => ({ etcds: items }), 'etcd');
  return {
    name: o.role.layer === 'initial' ? 'etcd (initial)' : `etcd (${o.role.cluster})`,
    kind: 'kube',
    interval: o.interval,
    timeout: o.timeout,
    onChange: (listener) => etcds.onChange(listener),
    async poll(signal) {
      try {
        return answer.from(await etcds.read(signal));
      } catch (error) {
        if (error instanceof KubeError && (error.failure === 'not-found' || error.failure === 'forbidden')) return answer.empty();
        throw error;
      }
    },
    close: () => etcds.close(),
  };
}
