/**
 * A list answer read as it streams in (text/json-item-stream.ts): each item as a digest of its JSON text, and its
 * text only when the caller does not know that digest yet. A poll of 1,700 machines in which 5 changed decodes 5
 * items; the 8 MB answer is never held whole, as bytes or as text, and each chunk is dropped once scanned.
 */
import { createHash } from 'node:crypto';
import { TextDecoder } from 'node:util';
import { JsonListSplitter } from '../../text/json-item-stream';

export interface ListItem {
  /** A digest (SHA-256) of the item's bytes as sent (any whitespace after it included): equal texts, equal keys. */
  readonly key: string;
  /** The item's JSON text; absent when the caller said it knows the key (it has read an equal text before). */
  readonly text?: string;
}

/** The key of an item's bytes (its pieces in order). */
export function itemKey(pieces: readonly Uint8Array[]): string {
  const hash = createHash('sha256');
  for (const p of pieces) hash.update(p);
  return hash.digest('base64');
}

/** The key of an item's text, for whoever has the text (test stand-ins): the same key as its bytes give. */
export function textKey(text: string): string {
  return itemKey([Buffer.from(text, 'utf8')]);
}

export type ListRead = { readonly items: ListItem[] } | { readonly notList: true; readonly text: string };

/** Up to this many leading bytes are kept to say what an answer that is not a list starts with. */
const HEAD_BYTES = 256;

/**
 * Reads the body. Not a list frame: `notList` with the text (the whole body when it did not even start as a list,
 * which is then small or at least not the list; else the start of it, enough to say what it was).
 */
export async function readListAnswer(body: AsyncIterable<Uint8Array>, known: (key: string) => boolean): Promise<ListRead> {
  const items: ListItem[] = [];
  const decoder = new TextDecoder();
  const splitter = new JsonListSplitter((pieces) => {
    const key = itemKey(pieces);
    items.push(known(key) ? { key } : { key, text: decode(decoder, pieces) });
  });
  let head: Uint8Array = new Uint8Array(0);
  let rest: Uint8Array[] | undefined;
  for await (const chunk of body) {
    if (head.length < HEAD_BYTES) head = concat([head, chunk.subarray(0, HEAD_BYTES - head.length)]);
    if (rest) rest.push(chunk);
    else if (!splitter.push(chunk)) rest = head[firstNonSpace(head)] === OPEN_LIST ? [] : [chunk];
  }
  if (rest === undefined && splitter.end()) return { items };
  // Began as a list and broke off: not JSON, and its start says so. Anything else: the whole, to be parsed.
  const text = decoder.decode(rest && rest.length > 0 ? concat(rest) : head);
  return { notList: true, text };
}

const OPEN_LIST = 0x5b;

function decode(decoder: TextDecoder, pieces: readonly Uint8Array[]): string {
  let text = '';
  pieces.forEach((p, i) => {
    text += decoder.decode(p, { stream: i < pieces.length - 1 });
  });
  // The splitter hands trailing whitespace along; JSON.parse would skip it, a reader of the text need not see it.
  let end = text.length;
  while (end > 0 && ' \n\r\t'.includes(text[end - 1] as string)) end--;
  return end === text.length ? text : text.slice(0, end);
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  return Buffer.concat(parts);
}

function firstNonSpace(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)) i++;
  return i;
}
