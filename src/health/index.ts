export { countBySeverity, DEFAULT_HEALTH_OPTIONS, evaluate, type HealthOptions, healthOptions, sortFindings, worstSeverity } from './evaluate';
export * from './finding';
export { diagnose } from './diagnose';
