/**
 * `shoots (garden)`: every Shoot the garden's API serves, kept current by a watch (list + watch, relist on 410),
 * as the Shoots domain. A change shows at once (the store polls on change); a broken watch keeps the last good
 * shoots and makes the source stale with the reason; a Shoot that cannot be read is named, the others shown.
 */
import type { KubeApi } from '../../clients/kube/kube-api';
import type { Millis } from '../../model/time';
import type { Shoot } from '../../model/shoot';
import type { Source } from '../source';
import { PollAnswer } from './poll-answer';
import { shootFromObject } from './shoot-object';
import { trimShoot } from './trim';
import { WatchedCollection } from './watched-collection';

export const SHOOTS_PATH = '/apis/core.gardener.cloud/v1beta1/shoots';

export function createShootsSource(o: { readonly api: () => Promise<KubeApi>; readonly interval: Millis; readonly timeout: Millis }): Source {
  const shoots = new WatchedCollection(o.api, SHOOTS_PATH, shootFromObject, trimShoot);
  const answer = new PollAnswer((items: readonly Shoot[]) => ({ shoots: [...items] }), 'shoot');
  return {
    name: 'shoots (garden)',
    kind: 'kube',
    interval: o.interval,
    timeout: o.timeout,
    onChange: (listener) => shoots.onChange(listener),
    poll: async (signal) => answer.from(await shoots.read(signal)),
    close: () => shoots.close(),
  };
}
