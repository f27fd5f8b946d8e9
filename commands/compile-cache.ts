import module from 'node:module';

/**
 * Writes the compiled code of this start to the compile cache (bin/rackpilot enables it) now, instead of at exit:
 * a session that ends by a kill, a crash or a dropped SSH connection would otherwise leave the next start to
 * compile everything again (the benchmark's launches, killed after their first frame, measured 40 ms slower first
 * frames for it). Called after the first frame; without the cache enabled it writes nothing.
 */
export function saveCompileCache(): void {
  try {
    module.flushCompileCache?.();
  } catch {
    // A cache folder that cannot be written costs the next start its compile time, nothing else.
  }
}
