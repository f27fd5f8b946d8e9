import type { EpochMs } from '../model/time';
import { formatAge } from '../text/format-age';
import type { Area, Finding, Severity, Subject } from './finding';

/** Positional constructor so every rule file builds findings the same way. */
export function finding(
  rule: string,
  severity: Severity,
  area: Area,
  subject: Subject,
  summary: string,
  hint: string,
): Finding {
  return { rule, severity, area, subject, summary, hint };
}

/** "5m ago", or "never" when the moment is unknown: for "last seen" style phrases. */
export function ago(now: EpochMs, then: EpochMs | undefined): string {
  return then === undefined ? 'never' : `${formatAge(now - then)} ago`;
}

/** Keeps summaries on one line: error messages from switches and APIs may contain newlines. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
