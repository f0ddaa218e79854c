export { buildFromInput, type UpdateInput, buildRequest, expandPath, urlFor, RequestBuildError, type BuiltRequest, type Credentials } from './core.js';
