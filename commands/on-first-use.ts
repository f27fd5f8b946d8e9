/**
 * A connection made when a source first needs it (so its client library loads then, not on the way to the first
 * frame), shared by every caller; one that failed is made again on the next call, because the cause (a kubeconfig,
 * a secret, a server) may have been fixed meanwhile.
 */
export function onFirstUse<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => {
    if (!made) {
      const attempt = make();
      made = attempt;
      attempt.catch(() => {
        if (made === attempt) made = undefined;
      });
    }
    return made;
  };
}
