export { countBySeverity, DEFAULT_HEALTH_OPTIONS, evaluate, type HealthOptions, sortFindings, worstSeverity } from './evaluate';
export * from './finding';
