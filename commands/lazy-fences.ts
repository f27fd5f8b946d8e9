/**
 * The fences of a real rack's runs left in place (src/wizards/engine/fences.ts), read from the run journals with
 * the runner's own rules. That module brings the runner and the journal's schemas, so it is imported when the rack
 * is opened, off the way to the first frame; until it is there (a few milliseconds, long before a poll has
 * answered and its snapshot is built) there are none to show.
 */
import type { BackupFence } from '../src/model/backup';
import { defaultRunsDir } from '../src/wizards/engine/state-files';

export function lazyFences(rack: string, env: Readonly<Record<string, string | undefined>>): () => readonly BackupFence[] {
  let read: ((runsDir: string, rack: string) => BackupFence[]) | undefined;
  void import('../src/wizards/engine/fences').then(
    (m) => {
      read = m.readFences;
    },
    // A chunk of the program itself that does not load is a broken install, which every other command says too.
    () => {},
  );
  return () => (read ? read(defaultRunsDir(env), rack) : []);
}
