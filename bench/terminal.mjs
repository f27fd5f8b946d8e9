// Splits the program's terminal output into frames and tracks which screen rows each frame wrote to.
//
// A frame is one synchronized-output block: Ink 8 writes ESC[?2026h before and ESC[?2026l after every frame on a
// TTY when it runs interactive (rackpilot forces interactive). The parser follows the cursor through the escape
// sequences Ink's incremental renderer uses (cursor up/down/next line/absolute, line feeds), so a frame that only
// rewrote the header's clock touches row 0 and nothing else.

const ESC = 0x1b;
const BSU = '?2026h';
const ESU = '?2026l';

/** Removes escape sequences, leaving the text a frame put on screen. */
export function plainText(s) {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: escape sequences are what is being removed.
  return s.replace(/\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)|\x1b[@-Z\\-_]/g, '');
}

export class FrameParser {
  /**
   * @param {number} rows terminal height, to clamp the cursor row
   * @param {(frame: Frame) => void} onFrame called when a frame ends
   */
  constructor(rows, onFrame) {
    this.rows = rows;
    this.onFrame = onFrame;
    this.row = 0;
    this.state = 'ground';
    this.params = '';
    /** The frame being collected, if inside a synchronized block. */
    this.current = undefined;
    this.syncBlocks = 0;
  }

  /**
   * Feeds one chunk as it arrived.
   * @param {Buffer} buf
   * @param {number} t arrival time in ms since the run's origin
   */
  feed(buf, t) {
    for (let i = 0; i < buf.length; i++) {
      const b = buf[i];
      if (this.current) this.current.parts.push(b);
      switch (this.state) {
        case 'ground':
          if (b === ESC) this.state = 'esc';
          else if (b === 0x0a) this.move(1);
          else if (b >= 0x20 && b !== 0x7f) this.touch();
          break;
        case 'esc':
          if (b === 0x5b) {
            this.state = 'csi';
            this.params = '';
          } else if (b === 0x5d) this.state = 'osc';
          else this.state = 'ground';
          break;
        case 'csi':
          if (b >= 0x40 && b <= 0x7e) {
            this.state = 'ground';
            this.csi(this.params, String.fromCharCode(b), t);
          } else this.params += String.fromCharCode(b);
          break;
        case 'osc':
          if (b === 0x07) this.state = 'ground';
          else if (b === ESC) this.state = 'esc';
          break;
      }
    }
  }

  csi(params, final, t) {
    const n = Number.parseInt(params, 10);
    const count = Number.isNaN(n) || n < 1 ? 1 : n;
    switch (final) {
      case 'A':
      case 'F':
        this.move(-count);
        break;
      case 'B':
      case 'E':
        this.move(count);
        break;
      case 'H':
      case 'f':
        this.row = Math.min(this.rows - 1, Math.max(0, (Number.parseInt(params.split(';')[0] ?? '', 10) || 1) - 1));
        break;
      case 'J':
      case 'K':
        this.touch();
        break;
      case 'h':
        if (params === BSU.slice(0, -1)) this.begin(t);
        break;
      case 'l':
        if (params === ESU.slice(0, -1)) this.end(t);
        break;
    }
  }

  move(delta) {
    this.row = Math.min(this.rows - 1, Math.max(0, this.row + delta));
  }

  touch() {
    this.current?.touched.add(this.row);
  }

  begin(t) {
    // ESC[?2026h is already in parts of a frame that was open; start a fresh one that holds the marker.
    this.current = { start: t, touched: new Set(), parts: [ESC, 0x5b, ...Buffer.from(BSU)] };
  }

  end(t) {
    const f = this.current;
    this.current = undefined;
    if (!f) return;
    this.syncBlocks++;
    const raw = Buffer.from(f.parts);
    this.onFrame({ start: f.start, end: t, bytes: raw.length, touched: f.touched, text: plainText(raw.toString('utf8')), raw });
  }
}

/**
 * @typedef {object} Frame
 * @property {number} start ms when ESC[?2026h arrived
 * @property {number} end ms when ESC[?2026l arrived: the frame is complete on screen
 * @property {number} bytes bytes from ESC[?2026h to ESC[?2026l inclusive
 * @property {Set<number>} touched screen rows (0-based) the frame wrote or erased
 * @property {string} text the frame's printed text without escape sequences
 * @property {Buffer} raw
 */
