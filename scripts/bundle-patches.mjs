// Source edits the CLI bundle makes to its dependencies, as data: each names the file, the exact text it replaces
// and why. The bundle is what users run, so each one was measured there (README "Benchmarks"); a dependency whose
// text no longer matches fails the build instead of silently losing the edit. The unbundled code (tests) keeps the
// originals, which behave the same.
import { readFileSync } from 'node:fs';

/**
 * Characters string-width measures as one cell each when ambiguous characters count narrow (its default): printable
 * ASCII, and the Latin-1 symbols, punctuation, arrows, box drawing, blocks and shapes rackpilot and Ink draw with.
 * test/build/bundle-patches.test.ts checks every one against string-width itself.
 */
export const ONE_CELL = '\\u0020-\\u007E\\u00A1-\\u00AC\\u00AE-\\u00FF\\u2010-\\u2027\\u2030-\\u205E\\u2190-\\u21FF\\u2500-\\u25FC\\u27E8-\\u27E9';

export const PATCHES = [
  {
    file: /[\\/]yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/,
    // Ink's layout engine carries its WebAssembly as a base64 data: URL and reads it with fetch() whenever a global
    // fetch exists; in Node the first touch of fetch loads undici, about 35 ms of the TUI's start-up (a quarter of
    // the time to the first frame) to decode a data: URL. Its no-fetch path decodes the base64 itself.
    find: 'function ya(){return w||"function"!=typeof fetch?',
    replace: 'function ya(){return true?',
  },
  {
    file: /[\\/]ink[\\/]build[\\/]output\.js$/,
    // Ink turns every frame's text into styled characters (ANSI tokenizing, a regular expression per character) with
    // caches that live for one frame: a key press re-tokenized all 48 lines though two changed, most of the CPU a
    // key costs. One cache for all frames, emptied past 1,000 entries: a screen has 50 to 100 lines, and scrolling
    // through 10,000 machines would otherwise keep every line seen. A cached line shares its characters: Ink makes
    // an object, a property array and a styles list per character (10-18 KB for a line of 160 columns, up to 10 MB
    // in the cache after the benchmark's scrolling and filtering, all of it promoted to the old generation); Ink
    // never changes a character once made (it writes new ones over), so one object per character and style serves
    // every line, and a cached line is its list of references.
    find: 'caches = new OutputCaches();',
    replace: 'caches = sharedOutputCaches();',
    append: `
class RackpilotOutputCaches extends OutputCaches {
  getStyledChars(line) {
    // Ink's own method makes and caches the list; its characters are swapped for the shared ones in place.
    return this.styledChars.get(line) ?? sharedStyledChars(super.getStyledChars(line));
  }
}
let rackpilotOutputCaches;
function sharedOutputCaches() {
  const c = rackpilotOutputCaches;
  if (c === undefined || c.styledChars.size + c.widths.size + c.blockWidths.size > 1000) rackpilotOutputCaches = new RackpilotOutputCaches();
  return rackpilotOutputCaches;
}
const rackpilotChars = new Map();
function sharedStyledChars(chars) {
  let styles;
  let key = '';
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (styles === undefined || !sameStyles(styles, c.styles)) {
      styles = c.styles;
      key = styles.map((s) => s.code + s.endCode).join('') + '\\u0000';
    }
    const k = key + c.value;
    const shared = rackpilotChars.get(k);
    if (shared !== undefined) chars[i] = shared;
    else {
      if (rackpilotChars.size >= 20000) rackpilotChars.clear();
      rackpilotChars.set(k, c);
    }
  }
  return chars;
}
function sameStyles(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i].code !== b[i].code || a[i].endCode !== b[i].endCode) return false;
  return true;
}
`,
  },
  {
    file: /[\\/]string-width[\\/]index\.js$/,
    // Its fast path is printable ASCII only; a line with one box-drawing character goes through grapheme segmentation
    // and several Unicode regular expressions per character. Ink measures each changed line on every frame (its
    // incremental rendering), and every line of rackpilot's panes has a border.
    find: 'if (/^[\\u0020-\\u007E]*$/.test(string)) {',
    replace: `if ((ambiguousIsNarrow ? /^[${ONE_CELL}]*$/ : /^[\\u0020-\\u007E]*$/).test(string)) {`,
  },
  {
    file: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/,
    // zod's namespace exports its error messages in 60 languages (z.locales), so the bundle carried and loaded them
    // all: half of zod's code, about 8 ms of every start (each one's module is evaluated). rackpilot's messages are
    // its own and zod's defaults are English: only English stays.
    find: 'export { default as en } from "./en.js";',
    contents: 'export { default as en } from "./en.js";\n',
  },
];

/** The esbuild plugin that applies PATCHES. */
export const bundlePatches = {
  name: 'rackpilot-bundle-patches',
  setup(b) {
    for (const patch of PATCHES) {
      b.onLoad({ filter: patch.file }, (args) => {
        const text = readFileSync(args.path, 'utf8');
        if (!text.includes(patch.find)) {
          return { errors: [{ text: `${args.path} changed: "${patch.find}" not found (scripts/bundle-patches.mjs)` }] };
        }
        const contents = patch.contents ?? text.replace(patch.find, patch.replace) + (patch.append ?? '');
        return { contents, loader: 'js' };
      });
    }
  },
};
