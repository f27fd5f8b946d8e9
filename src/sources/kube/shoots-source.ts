/**
 * `shoots (garden)`: every Shoot the garden's API serves, kept current by a watch (list + watch, relist on 410),
 * as the Shoots domain. A change shows at once (the store polls on change); a broken watch keeps the last good
 * shoots and makes the source stale with the reason; a Shoot that cannot be read is named, the others shown.
 */
import type { KubeApi } from '../../clients/kube/kube-api';
import type { Millis } from '../../model/time';
import { FailedRead, type Source, StaleRead } from '../source';
import { shootFromObject } from './shoot-object';
import { trimShoot } from './trim';
import { WatchedCollection } from './watched-collection';

export const SHOOTS_PATH = '/apis/core.gardener.cloud/v1beta1/shoots';

export function createShootsSource(o: { readonly api: () => Promise<KubeApi>; readonly interval: Millis; readonly timeout: Millis }): Source {
  const shoots = new WatchedCollection(o.api, SHOOTS_PATH, shootFromObject, trimShoot);
  let data: { shoots: ReturnType<typeof shootFromObject>[] } | undefined;
  return {
    name: 'shoots (garden)',
    kind: 'kube',
    interval: o.interval,
    timeout: o.timeout,
    onChange: (listener) => shoots.onChange(listener),
    async poll(signal) {
      const read = await shoots.read(signal);
      // The same object when nothing changed: nothing to redraw.
      if (!read.unchanged || !data) data = { shoots: [...read.items] };
      if (read.broken) throw new StaleRead(`watch broken: ${read.broken.message}`, data);
      if (read.problems.length > 0) {
        const more = read.problems.length > 2 ? `; ${read.problems.length - 2} more` : '';
        throw new FailedRead(`${read.problems.length} shoot(s) could not be read: ${read.problems.slice(0, 2).join('; ')}${more}`, data);
      }
      return data;
    },
    close: () => shoots.close(),
  };
}
