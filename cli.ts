import { main } from './commands/main';
import { processIo } from './commands/io';

// Set the exit code instead of calling process.exit(), so buffered stdout (a pipe to a script) is flushed first.
main(process.argv.slice(2), processIo).then((code) => {
  process.exitCode = code;
});
