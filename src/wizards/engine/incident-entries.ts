/** Reads `<stateDir>/incidents.json` through its schema (zod): loaded when a file is there to read, see incident-file.ts. */
import { readFileSync } from 'node:fs';
import * as z from 'zod';
import { once } from '../../once';
import { visibleStrings } from './state-files';

const entrySchema = () =>
  z.object({
    rack: z.string(),
    label: z.string(),
    startedAt: z.number(),
    how: z.enum(['recovered', 'acknowledged']),
    by: z.string(),
    at: z.number(),
  });
export type IncidentEntry = z.infer<ReturnType<typeof entrySchema>>;
const fileSchema = once(() => z.object({ ended: z.array(entrySchema()) }));

/** The file's entries; a damaged file ends nothing (so `status` never fails on it). */
export function readIncidentEntries(file: string): IncidentEntry[] {
  try {
    const parsed = fileSchema().safeParse(JSON.parse(readFileSync(file, 'utf8'), visibleStrings));
    return parsed.success ? parsed.data.ended : [];
  } catch {
    return [];
  }
}
