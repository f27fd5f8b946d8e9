/** Reads and parses the YAML file; every failure becomes one ConfigFileError naming the file. */
import { readFile } from 'node:fs/promises';
import { parseDocument } from 'yaml';
import { ConfigFileError } from './config-error';
import type { ConfigLocation } from './paths';

/** Raw YAML contents, or undefined when the default file does not exist (which is fine). */
export async function readConfigFile(location: ConfigLocation): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(location.path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      if (location.via === 'default') return undefined;
      throw new ConfigFileError(location.path, `no such file (named by ${location.via})`);
    }
    throw new ConfigFileError(location.path, readProblem(code, error));
  }
  return parseYaml(text, location.path);
}

function readProblem(code: string | undefined, error: unknown): string {
  if (code === 'EACCES' || code === 'EPERM') return 'cannot read the file: permission denied';
  if (code === 'EISDIR') return 'is a directory, expected a YAML file';
  return `cannot read the file: ${code ?? (error instanceof Error ? error.message : String(error))}`;
}

/** Parses YAML text; syntax errors report the first problem's line and column. */
export function parseYaml(text: string, file: string): unknown {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  const first = doc.errors[0];
  if (first) {
    // The pretty message carries a code excerpt after the first line; keep only the reason.
    const reason = (first.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
    const pos = first.linePos?.[0];
    const where = pos ? `line ${pos.line}, column ${pos.col}: ` : '';
    throw new ConfigFileError(file, `${where}invalid YAML: ${reason}`, { line: pos?.line, column: pos?.col });
  }
  try {
    // maxAliasCount bounds alias expansion ("billion laughs"); unresolved aliases also throw here.
    return doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigFileError(file, `invalid YAML: ${reason}`);
  }
}
