/** All times in the model are Unix epoch milliseconds: plain numbers, cheap to compare and to serialise. */
export type EpochMs = number;

/** A duration in milliseconds. */
export type Millis = number;

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
