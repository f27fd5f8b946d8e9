/**
 * A config file's own problem (missing, unreadable, not YAML), without the schema: the start-up path reads the file
 * before it knows whether it needs zod.
 */
import { ConfigError } from '../errors';

/**
 * A problem with the file as a whole (missing, unreadable, not YAML) has no key path, so the
 * message drops the "(top level)" part: "/x.yaml: line 3, column 5: invalid YAML: ...".
 */
export class ConfigFileError extends ConfigError {
  readonly line?: number;
  readonly column?: number;
  constructor(file: string, problem: string, options: { cause?: unknown; line?: number; column?: number } = {}) {
    super(file, '', problem, { cause: options.cause });
    this.message = `${file}: ${problem}`;
    this.line = options.line;
    this.column = options.column;
  }
}
