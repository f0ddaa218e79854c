/**
 * `x-documented-values`: a list of values a page introduces with "Allowed values include" (e.g. the
 * paths of an update mask). The list is not exhaustive, so a value outside it is beyond the docs, not against
 * them: validation reports it as a warning. The schema keeps the type (`string`) as the rule. The
 * keyword is compiled into the validators (src/schemas/ajv.ts).
 */

export const DOCUMENTED_VALUES = 'x-documented-values';
