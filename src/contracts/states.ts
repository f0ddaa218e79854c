/**
 * Provider states of the contracts. Parameters name the adapter-input keys
 * (destinationId, projectIdOrName); the verifier answers with the ids to use (injected values).
 */
export const DESTINATION_EXISTS = 'a destination with id ${destinationId} exists';
export const DESTINATION_EXISTS_IN_PROJECT = 'a destination with id ${destinationId} exists in project ${projectIdOrName}';
export const DESTINATION_MISSING = 'no destination with id ${destinationId} exists';

export type StateParams = Readonly<Record<string, string>>;

export function isMissingState(name: string): boolean {
  return name === DESTINATION_MISSING;
}
export function isKnownState(name: string): boolean {
  return name === DESTINATION_EXISTS || name === DESTINATION_EXISTS_IN_PROJECT || name === DESTINATION_MISSING;
}
