/**
 * `rackpilot doctor` for metal-api: does it answer, which version, is our authentication accepted (a call that needs
 * it: the issue catalogue), and what its own health says (`/v1/health`, which needs none).
 */
import type { MetalApi } from '../../clients/metal-api/metal-api';
import { describeError } from '../../errors';
import { visibleData } from '../../text/visible-data';

export interface MetalApiCheck {
  readonly ok: boolean;
  readonly url: string;
  readonly version?: string;
  /** One line: health and auth, or why the check failed. */
  readonly detail: string;
  readonly millis: number;
}

export async function checkMetalApi(connect: () => Promise<MetalApi>, url: string): Promise<MetalApiCheck> {
  const started = Date.now();
  const done = (rest: Omit<MetalApiCheck, 'url' | 'millis'>) => visibleData({ url, ...rest, millis: Date.now() - started });
  let api: MetalApi;
  try {
    api = await connect();
  } catch (error) {
    return done({ ok: false, detail: describeError(error) });
  }
  const health = await api.get('/v1/health').then(
    (h) => {
      const status = (h as { status?: unknown })?.status;
      return typeof status === 'string' ? status : 'unknown';
    },
    (error: unknown) => `not healthy (${describeError(error)})`,
  );
  try {
    const v = (await api.get('/v1/version')) as { version?: unknown };
    const version = typeof v?.version === 'string' ? v.version : undefined;
    await api.get('/v1/machine/issues');
    return done({ ok: health === 'healthy', ...(version ? { version } : {}), detail: `health: ${health}; authentication accepted` });
  } catch (error) {
    return done({ ok: false, detail: `health: ${health}; ${describeError(error)}` });
  }
}
