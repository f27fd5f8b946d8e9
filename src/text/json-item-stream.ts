/**
 * The items of a JSON array read from its bytes as they arrive, each handed over as the pieces of the chunks it spans
 * (views, not copies), without decoding or parsing anything. metal-api's machine list is 8 MB for 1,700 machines of
 * which a poll typically changes a few: read whole (response.text()) it costs the chunks, their concatenation and
 * the text at once, every poll, and that garbage (most of it outside V8's heap, freed only when a GC happens to run)
 * set the process's peak memory. Read this way each chunk is dropped as soon as it is scanned, and a caller that
 * keeps a digest of each item it has read decodes only the items that changed.
 *
 * The scan checks the array's frame (`[`, items separated by commas, `]`, JSON whitespace, nothing after) and finds
 * where each item ends (strings and nesting followed); it does not check inside an item (whoever uses an item parses
 * it). UTF-8 never uses bytes below 0x80 inside a multi-byte character, so the structure is found byte by byte.
 */

/** What the scan is in: before the `[`, before an item, in an item (outside or inside a string), after the `]`. */
const At = { Start: 0, ItemStart: 1, Item: 2, String: 3, End: 4 } as const;
type At = (typeof At)[keyof typeof At];

export class JsonListSplitter {
  private at: At = At.Start;
  /** Whether no item has begun yet (a `]` may close the list right after its `[`). */
  private empty = true;
  private depth = 0;
  /** In a string, the chunk ended in an odd run of backslashes: the next chunk's first byte is escaped. */
  private escaped = false;
  /** The pieces of the item under way from earlier chunks. */
  private pieces: Uint8Array[] = [];
  private failed = false;

  /** `onItem` gets an item's bytes, in order, trailing whitespace included; they are only valid during the call. */
  constructor(private readonly onItem: (pieces: readonly Uint8Array[]) => void) {}

  /** Scans the next chunk; false once the bytes so far are not the start of a list frame (nothing more is scanned). */
  push(chunk: Uint8Array): boolean {
    if (this.failed) return false;
    const n = chunk.length;
    let itemStart = this.at === At.Item || this.at === At.String ? 0 : -1;
    let i = 0;
    while (i < n) {
      if (this.at === At.String) {
        if (this.escaped) {
          this.escaped = false;
          i++;
          continue;
        }
        const q = closingQuote(chunk, i);
        if (q < 0) {
          this.escaped = trailingBackslashes(chunk, i) % 2 === 1;
          break;
        }
        this.at = At.Item;
        i = q + 1;
        continue;
      }
      const c = chunk[i] as number;
      if (this.at === At.Item) {
        if (c === QUOTE) this.at = At.String;
        else if (c === OPEN_OBJECT || c === OPEN_LIST) this.depth++;
        else if (c === CLOSE_OBJECT || c === CLOSE_LIST || c === COMMA) {
          if (this.depth > 0 && c !== COMMA) this.depth--;
          else if (this.depth === 0) {
            // A `}` where the item should end is not a frame.
            if (c === CLOSE_OBJECT) return this.fail();
            this.item(chunk.subarray(itemStart, i));
            itemStart = -1;
            this.at = c === COMMA ? At.ItemStart : At.End;
          }
        }
        i++;
      } else if (isSpace(c)) i++;
      else if (this.at === At.Start) {
        if (c !== OPEN_LIST) return this.fail();
        this.at = At.ItemStart;
        i++;
      } else if (this.at === At.ItemStart) {
        if (c === CLOSE_LIST && this.empty) {
          this.at = At.End;
          i++;
        } else if (c === COMMA || c === CLOSE_LIST || c === CLOSE_OBJECT) return this.fail();
        else {
          // The item's first byte: scanned again as part of the item (a quote opens a string, a bracket nests).
          this.empty = false;
          this.at = At.Item;
          itemStart = i;
        }
      } else return this.fail();
    }
    if (itemStart >= 0 && itemStart < n) this.pieces.push(chunk.subarray(itemStart));
    return true;
  }

  /** After the last chunk: whether the bytes were a whole list frame. */
  end(): boolean {
    return !this.failed && this.at === At.End;
  }

  private item(last: Uint8Array): void {
    const pieces = this.pieces;
    if (last.length > 0) pieces.push(last);
    this.pieces = [];
    this.onItem(pieces);
  }

  private fail(): false {
    this.failed = true;
    this.pieces = [];
    return false;
  }
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const BACKSLASH = 0x5c;
const OPEN_LIST = 0x5b;
const CLOSE_LIST = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;

/** The index of the quote at or after `from` that closes the string (one not escaped by an odd run of backslashes from `from` on), or -1. */
function closingQuote(chunk: Uint8Array, from: number): number {
  let q = from - 1;
  for (;;) {
    // indexOf runs natively: most of an answer is inside strings, so this is where the scan saves its time.
    q = chunk.indexOf(QUOTE, q + 1);
    if (q < 0) return -1;
    let b = q - 1;
    while (b >= from && chunk[b] === BACKSLASH) b--;
    if ((q - 1 - b) % 2 === 0) return q;
  }
}

/** How many backslashes end the chunk, counting no further back than `from`. */
function trailingBackslashes(chunk: Uint8Array, from: number): number {
  let b = chunk.length - 1;
  while (b >= from && chunk[b] === BACKSLASH) b--;
  return chunk.length - 1 - b;
}

/** JSON's whitespace: space, tab, line feed, carriage return (nothing else). */
function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}
