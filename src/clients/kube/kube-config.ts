/**
 * Kubeconfig files read as kubectl reads them, by @kubernetes/client-node (contexts, users, exec/token/client-cert
 * auth, CA files, insecure-skip-tls-verify): several files merged in order like KUBECONFIG=a:b, paths inside a file
 * relative to that file. The files themselves are read through readBoundedFile, so a FIFO or a huge file fails fast.
 */
import { dirname } from 'node:path';
import type { KubeConfig } from '@kubernetes/client-node';
import { readBoundedFile } from '../../files/read-bounded';
import { KubeError } from './kube-error';

type Lib = typeof import('@kubernetes/client-node');

const KUBECONFIG_LIMIT = { maxBytes: 4_000_000, what: 'a kubeconfig' };

export async function loadKubeConfig(lib: Lib, files: readonly string[], context: string): Promise<KubeConfig> {
  const kc = new lib.KubeConfig();
  for (const [i, file] of files.entries()) {
    const one = new lib.KubeConfig();
    let text: string;
    try {
      text = await readBoundedFile(file, KUBECONFIG_LIMIT);
    } catch (error) {
      throw new KubeError('config', `kubeconfig ${file}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    try {
      one.loadFromString(text);
    } catch (error) {
      throw new KubeError('config', `kubeconfig ${file}: not a kubeconfig (${firstLine(error)})`, { cause: error });
    }
    one.makePathsAbsolute(dirname(file));
    // As kubectl merges KUBECONFIG: the first file that names a cluster, user or context wins (the library's
    // mergeConfig throws on a duplicate instead).
    if (i === 0) kc.loadFromOptions({ clusters: one.clusters, users: one.users, contexts: one.contexts, currentContext: one.currentContext });
    for (const c of i === 0 ? [] : one.clusters) if (!kc.getCluster(c.name)) kc.addCluster(c);
    for (const u of i === 0 ? [] : one.users) if (!kc.getUser(u.name)) kc.addUser(u);
    for (const c of i === 0 ? [] : one.contexts) if (!kc.getContextObject(c.name)) kc.addContext(c);
  }
  if (!kc.getContextObject(context)) {
    const known = kc.contexts.map((c) => c.name).join(', ') || 'none';
    throw new KubeError('config', `kubeconfig ${files.join(':')}: no context "${context}" (contexts: ${known})`);
  }
  kc.setCurrentContext(context);
  if (!kc.getCurrentCluster()) throw new KubeError('config', `kubeconfig ${files.join(':')}: context "${context}" names no known cluster`);
  return kc;
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]?.slice(0, 120) ?? '';
}
