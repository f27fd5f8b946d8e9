/**
 * Where a source's answer enters the model: its text is made visible (text/visible-data.ts) once, here, for
 * every source the store runs — the simulated rack, SSH, and the Kubernetes, metal-api and S3 sources as they
 * come. Nothing else reads a source's poll (test/boundary.test.ts holds that), so nothing on screen, in `status`
 * or in `--json` can carry a raw control character.
 */
import type { PartialRackData } from '../model/snapshot';
import { visibleData } from '../text/visible-data';
import { visibleText } from '../text/visible-text';

export interface Admitted {
  readonly raw: PartialRackData;
  readonly data: PartialRackData;
}

/**
 * A domain the source returned unchanged (the same object as last time, as the sim does) keeps its admitted
 * object without another walk, so unchanged panes keep their rows.
 */
export function admitData(raw: PartialRackData, previous: Admitted | undefined): Admitted {
  if (previous && raw === previous.raw) return previous;
  const data: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    const before = previous?.raw[key as keyof PartialRackData];
    data[key] = before !== undefined && before === value ? previous?.data[key as keyof PartialRackData] : visibleData(value);
  }
  return { raw, data: data as PartialRackData };
}

/** A source's error as one visible line of bounded length. */
export function admitMessage(message: string): string {
  return visibleText(message, 500);
}
