/**
 * metal-api's HMAC authentication as the server checks it (metal-stack/security mac.go, per shared/domain/metal-api.md):
 * `Authorization: <type> <hex HMAC-SHA256(key, X-Date + METHOD + X-Data-Salt)>`. The body and the path are not
 * signed. X-Date is UTC, RFC 3339, whole seconds: the server re-formats the date it parsed before it compares, so a
 * fraction or an offset would never match.
 */
import { createHmac, randomInt } from 'node:crypto';

import type { HmacType } from '../../model/metal-auth';

export type { HmacType } from '../../model/metal-auth';

/** 2026-11-30T01:00:00Z: the only date format the server's signature check accepts. */
export function xDate(at: number): string {
  return `${new Date(Math.floor(at / 1000) * 1000).toISOString().slice(0, 19)}Z`;
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** 24 random letters, as metal-go sends. */
export function salt(): string {
  return Array.from({ length: 24 }, () => LETTERS[randomInt(LETTERS.length)]).join('');
}

export function hmacSignature(key: string, date: string, method: string, dataSalt: string): string {
  return createHmac('sha256', key).update(date + method + dataSalt).digest('hex');
}

/** The three headers of one request. */
export function hmacHeaders(key: string, type: HmacType, method: string, at: number, dataSalt = salt()): Record<string, string> {
  const date = xDate(at);
  return { 'X-Date': date, 'X-Data-Salt': dataSalt, Authorization: `${type} ${hmacSignature(key, date, method.toUpperCase(), dataSalt)}` };
}
