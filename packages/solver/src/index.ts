/** Call-centre months (the lead's part; the engine and Curtois exports are added below by their author). */
export type { GenerateOptions, GenerateResult } from './callcentre/generate'
export type { Clash } from './callcentre/explain'
export type { CompiledMonth } from './callcentre/compile'
export { generateMonth } from './callcentre/generate'
export { explainClashes } from './callcentre/explain'
export { compileMonth, givenCells, HARD_COVER_WEIGHT } from './callcentre/compile'
