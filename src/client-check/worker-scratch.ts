/**
 * The prefix of the adapter process's scratch folders (the contract scenarios' pacts). That process is killed
 * outright when the run is interrupted or the adapter hangs, and cannot remove its folder: the suite's process
 * removes it once the adapter's process is gone.
 */
export const WORKER_SCRATCH_PREFIX = 'destconf-check-client-';
