export { buildFromInput, type UpdateInput, buildRequest, expandPath, urlFor, RequestBuildError, type BuiltRequest, type Credentials } from './core.js';
export { buildStreamkapUpdate, type StreamkapUpdateInput } from './streamkap.js';
export { buildStitchUpdate, type StitchUpdateInput } from './stitch.js';
export { buildPrequelUpdate, type PrequelUpdateInput } from './prequel.js';
export { buildAmpersandUpdate, type AmpersandUpdateInput } from './ampersand.js';
export { buildRedoxUpdate, type RedoxUpdateInput } from './redox.js';
