/** The simulator's machine models by the name a definition gives in `tv:twin.simulator.model`. */
import type { SIMULATOR_MODELS } from '../../../shared/twin/extension.js';
import { agv } from './agv.js';
import { conveyor } from './conveyor.js';
import type { ModelFactory } from './model.js';
import { pump } from './pump.js';
import { spindle } from './spindle.js';

export const MODELS: Record<(typeof SIMULATOR_MODELS)[number], ModelFactory> = { spindle, conveyor, pump, agv };
