/**
 * How proxy.ts vouches for the client address a server action sees. Next.js fills X-Forwarded-For from the
 * socket only when the client sent none; proxy.ts deletes the client's (unless TRUST_PROXY=1), so the header that
 * reaches the action holds the peer address, and it marks the request with this process's own random token. The
 * sign-in throttle believes the address only beside that mark: a request that somehow skipped the proxy cannot
 * pick the address it is counted under.
 */
export const PEER_CHECK_HEADER = "x-folio-peer-checked";

const TOKEN_KEY = Symbol.for("folio.peer-check-token");

/** This process's token, shared by the proxy and the app bundles through globalThis. */
export function peerCheckToken(): string {
  const slot = globalThis as Record<symbol, string | undefined>;
  return (slot[TOKEN_KEY] ??= crypto.randomUUID());
}
