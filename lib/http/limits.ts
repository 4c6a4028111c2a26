/**
 * Largest request body a server action accepts: 1 MiB. next.config.ts gives it to Next.js as
 * `serverActions.bodySizeLimit`, and proxy.ts answers 413 before Next.js reads a byte of a larger one.
 */
export const MAX_ACTION_BODY_BYTES = 1024 * 1024;
