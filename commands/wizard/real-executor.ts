import type { MetalApi } from '../../src/clients/metal-api/metal-api';
import type { S3Store } from '../../src/clients/s3/s3-store';
import type { Config } from '../../src/config';
import type { Executor } from '../../src/wizards/engine/types';
import { createRealExecutor } from '../../src/wizards/real-executor/real-executor';
import { openStore } from '../backup-sources';
import { open as openMetalApi } from '../metal-api-sources';

/**
 * The executor a wizard command gets on a real rack: kube calls reach the contexts the config's `kubernetes:`
 * section names (the same the panes read), commands run as local processes (bootstrap's wizards.bootstrap
 * commands), s3 calls use the backups: component's credentials, http calls the metalApi: client (its secret and CA
 * read on the first such call, again after a failure).
 */
export function realExecutor(config: Config, env: Readonly<Record<string, string | undefined>> = process.env): Executor {
  const stores = new Map<string, Promise<S3Store>>();
  // A call names its store by endpoint and bucket; the backups: component that names them has the credentials.
  const s3 = (endpoint: string, bucket: string): Promise<S3Store> => {
    const b = config.backups.find((c) => c.endpoint === endpoint && c.bucket === bucket);
    if (!b) return Promise.reject(new Error(`no backups: component names ${endpoint} bucket ${bucket}`));
    const key = `${endpoint} ${bucket}`;
    let store = stores.get(key);
    if (!store) {
      store = openStore(b, env);
      stores.set(key, store);
      store.catch(() => stores.delete(key));
    }
    return store;
  };
  const m = config.metalApi;
  let api: Promise<MetalApi> | undefined;
  const metalApi = (): Promise<MetalApi> => {
    if (!m) return Promise.reject(new Error('no metalApi: section in the config'));
    if (!api) {
      api = openMetalApi(m, env);
      api.catch(() => {
        api = undefined;
      });
    }
    return api;
  };
  return createRealExecutor({ ...(config.kubernetes ? { kubernetes: config.kubernetes } : {}), s3, ...(m ? { metalApi } : {}) });
}
