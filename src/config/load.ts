/** Reads and parses the YAML file; every failure becomes one ConfigFileError naming the file. */
import { FileProblem, type FileLimit, readBoundedFile } from '../files/read-bounded';
import { visibleText } from '../text/visible-text';
import { ConfigFileError } from './config-file-error';
import type { ConfigLocation } from './paths';

/**
 * A rack of 200 switches with every cable listed is about 300 KB of YAML. Parsing costs far more memory than the
 * text (a 10 MB file took 1.5 GB and 20 s), so a wrong --config (a log, an image) is refused before it is read.
 */
export const CONFIG_FILE_LIMIT: FileLimit = { maxBytes: 1_000_000, what: 'a config file' };

/** Raw YAML contents, or undefined when the default file does not exist (which is fine). */
export async function readConfigFile(location: ConfigLocation): Promise<unknown> {
  let text: string;
  try {
    text = await readBoundedFile(location.path, CONFIG_FILE_LIMIT);
  } catch (error) {
    if (!(error instanceof FileProblem)) throw error;
    if (error.kind === 'missing') {
      if (location.via === 'default') return undefined;
      throw new ConfigFileError(location.path, `no such file (named by ${location.via})`);
    }
    const problem = error.kind === 'denied' ? 'cannot read the file: permission denied' : error.message;
    throw new ConfigFileError(location.path, problem, { cause: error });
  }
  return await parseYaml(text, location.path);
}

// The parser's wording for a second document is meant for programmers ("please use YAML.parseAllDocuments()").
const REASONS: Readonly<Record<string, string>> = { MULTIPLE_DOCS: 'more than one document (a --- line); expected one' };

/**
 * Parses YAML text; syntax errors report the first problem's line and column. The reason is the parser's first
 * line only (its pretty message goes on with an excerpt of the file, which may hold a secret), made visible and
 * clipped, since some reasons name a token of the file (an alias, a tag). The parser is imported here, when a file
 * is read: the simulated rack without a config file starts without it.
 */
export async function parseYaml(text: string, file: string): Promise<unknown> {
  const { parseDocument } = await import('./yaml-document');
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  const first = doc.errors[0];
  if (first) {
    const line = (first.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
    const reason = REASONS[first.code] ?? visibleText(line, 100);
    const pos = first.linePos?.[0];
    const where = pos ? `line ${pos.line}, column ${pos.col}: ` : '';
    throw new ConfigFileError(file, `${where}invalid YAML: ${reason}`, { line: pos?.line, column: pos?.col });
  }
  try {
    // maxAliasCount bounds alias expansion ("billion laughs"); unresolved aliases also throw here.
    return doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // yaml's text ends with the alias' name from the file; the position of the problem is what helps.
    const reason = message.startsWith('Unresolved alias') ? 'an alias (*name) is used before its anchor (&name) is set' : visibleText(message.split('\n')[0] ?? '', 100);
    throw new ConfigFileError(file, `invalid YAML: ${reason}`);
  }
}
