export { DEFAULT_HEALTH_OPTIONS, type HealthOptions } from '../model/health-options';
