/**
 * The YAML parser, imported by load.ts when a file is read. A module of its own because the bundle gives a
 * dynamically imported CommonJS package (yaml) only a default export; imported statically here, its named
 * exports work in the bundle and in tests alike.
 */
export { parseDocument } from 'yaml';
