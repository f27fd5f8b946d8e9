/** The exit codes every wizard command documents (README.md has the same table). */
export const WIZARD_EXIT_CODES = `Exit codes: 0 done and healthy (or nothing to do), 1 aborted or cancelled by you,
2 failed or ended unhealthy, 64 bad usage (e.g. --auto against a real rack),
65 a run journal cannot be read (see --resume-from-audit, --fresh), 74 the state
directory cannot be written (read-only, full), 75 the rack is locked by another
run, 129/130/143 aborted by SIGHUP / Ctrl-C / SIGTERM.
`;
