// Makes the bundle's top-level functions compile eagerly, so that the compile cache (bin/rackpilot) holds them.
//
// Node's compile cache stores what V8 compiled when a module was compiled: the top level and the functions it
// compiled eagerly. Every other function is compiled on its first call, at every start: for the TUI's first frame
// that is hundreds of functions (Ink, React, the views, the store, health), ~8 us each. V8 compiles a function
// eagerly when it is a parenthesized function expression ("PIFE" heuristic); V8's own hint for this
// (`//# allFunctionsCalledOnLoad`) needs a compile option Node does not pass. So each top-level
// `function f(...) {...}` of a chunk becomes `var f = (function f(...) {...});`, where that means the same:
//  - a declaration is hoisted, the var is not: one whose name appears anywhere before it in the chunk is left as
//    it is (a conservative test: most such names are only called later, from inside other functions);
//  - inside a named function expression its name cannot be assigned: one whose text assigns its name is left;
//  - async functions and generators are left, and so is a name beyond [A-Za-z0-9_$] (esbuild may write it escaped,
//    which the text test above would not find).
// Chunks import each other without cycles (esbuild puts shared code in chunks that only their users import), so
// another chunk never reads the var before this chunk has run. Measured: README "Start-up against its floors".
// Written by hand on acorn's parse: no bundler option or well-kept tool does this for ES modules.
import { parse } from 'acorn';

const escapeRegExp = (s) => s.replace(/[$]/g, '\\$');

/** The module's source with its eligible top-level function declarations as parenthesized expressions. */
export function eagerFunctions(code) {
  const program = parse(code, { ecmaVersion: 'latest', sourceType: 'module' });
  const edits = [];
  for (const node of program.body) {
    if (node.type !== 'FunctionDeclaration' || node.async || node.generator || !node.id || !/^[\w$]+$/.test(node.id.name)) continue;
    const name = escapeRegExp(node.id.name);
    if (new RegExp(`(^|[^\\w$.])${name}(?![\\w$])`).test(code.slice(0, node.start))) continue;
    if (new RegExp(`(^|[^\\w$.])${name}\\s*([-+*/%&|^]|\\*\\*|<<|>>>?|&&|\\|\\||\\?\\?)?=(?!=)`).test(code.slice(node.start, node.end))) continue;
    edits.push(node);
  }
  let out = code;
  for (const node of edits.reverse()) {
    out = `${out.slice(0, node.start)}var ${node.id.name} = (${out.slice(node.start, node.end)});${out.slice(node.end)}`;
  }
  return out;
}
