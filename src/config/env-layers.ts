/** The environment's layers, each checked by the schema; an error names the variable (see env.ts). */
import { type Env, ENV_VARS, envValue } from './env';
import { nest } from './plain-layers';
import type { ConfigLayer } from './schema';
import { validateLayer } from './validate';

/** One validated layer per set variable, in ENV_VARS order. */
export function envLayers(env: Env): ConfigLayer[] {
  const layers: ConfigLayer[] = [];
  for (const variable of ENV_VARS) {
    const text = env[variable.name];
    if (variable.key === null || text === undefined || text === '') continue;
    layers.push(validateLayer(nest(variable.key, envValue(variable, text)), `environment ${variable.name}`));
  }
  return layers;
}
