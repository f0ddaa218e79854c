export { buildFromInput, type UpdateInput, buildRequest, expandPath, urlFor, RequestBuildError, type BuiltRequest, type Credentials } from './core.js';
export { buildStreamkapUpdate, type StreamkapUpdateInput } from '../vendors/streamkap/builder.js';
export { buildStitchUpdate, type StitchUpdateInput } from '../vendors/stitch/builder.js';
export { buildPrequelUpdate, type PrequelUpdateInput } from '../vendors/prequel/builder.js';
export { buildAmpersandUpdate, type AmpersandUpdateInput } from '../vendors/ampersand/builder.js';
export { buildRedoxUpdate, type RedoxUpdateInput } from '../vendors/redox/builder.js';
