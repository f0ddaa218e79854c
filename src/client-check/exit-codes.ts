/**
 * The worker's exit code when its channel to the suite is cut before the end: the suite's process died (the
 * worker must not outlive it), or the adapter called process.disconnect().
 */
export const CHANNEL_LOST_EXIT = 86;
