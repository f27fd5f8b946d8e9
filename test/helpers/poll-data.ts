import type { PartialRackData } from '../../src/model/snapshot';
import { FailedRead, type Source } from '../../src/sources/source';

/** What a poll gives the store: its data, or the data a failed poll carries when every target failed. */
export async function pollData(source: Source, signal = new AbortController().signal): Promise<PartialRackData> {
  try {
    return await source.poll(signal);
  } catch (error) {
    if (error instanceof FailedRead) return error.data;
    throw error;
  }
}
