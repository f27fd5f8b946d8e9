/** Findings are part of every snapshot, so their types live in the model; the rules that make them live here. */
export * from '../model/finding';
