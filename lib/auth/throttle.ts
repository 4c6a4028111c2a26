import "server-only";
import { UNKNOWN_CLIENT } from "./client-key";
import { THROTTLE_CLIENT_MAX_FAILURES, THROTTLE_LOCKOUT_MS, THROTTLE_MAX_FAILURES, THROTTLE_MAX_LOCKOUT_MS, THROTTLE_WINDOW_MS } from "./config";

/**
 * How a sign-in attempt went, for the throttle: the password was checked and matched, was checked and did not, or
 * was never checked (the server was too busy to hash it), which counts neither way.
 */
export type Outcome = "success" | "failure" | "unchecked";

/**
 * The outcome of asking to try a password. When allowed, the attempt counts as a failure until `settle` reports
 * how it went, so a burst of concurrent guesses is limited as strictly as a sequence of them.
 */
export type Attempt =
  | { allowed: false; retryAfterSeconds: number }
  | { allowed: true; settle(outcome: Outcome): Promise<void> };

/**
 * The throttle's whole interface. Async so that a shared store (Redis) can implement it; the in-memory one
 * reserves the attempt before its promise is even created.
 */
export interface LoginThrottle {
  beginAttempt(email: string, clientKey: string): Promise<Attempt>;
}

/** Options for {@link createMemoryThrottle}; tests pass a clock. */
export type MemoryThrottleOptions = { now?: () => number; maxKeys?: number };

/** The in-memory throttle, which can also say how many accounts and clients it is tracking. */
export type MemoryThrottle = LoginThrottle & { trackedKeys(): number };

// An attempt never settled (its caller crashed) is counted as a failure after this long instead of blocking forever.
const PENDING_TTL_MS = 60_000;
// How long after a lockout ends a key remembers it, so that the next lockout lasts twice as long.
const STRIKES_MEMORY_MS = 24 * 60 * 60 * 1000;

// `pending` maps an attempt's token to when it began; `strikes` counts lockouts, each begun within
// STRIKES_MEMORY_MS of the previous one's end.
type Entry = { limit: number; failures: number[]; pending: Map<number, number>; lockedUntil: number; strikes: number; lastLockEnd: number };

// The failure that reaches the limit starts a lockout, twice as long as the key's previous one (within a day); the
// count restarts so that the lock alone decides when trying may resume.
function recordFailure(entry: Entry, now: number): void {
  entry.failures.push(now);
  if (entry.failures.length < entry.limit) return;
  entry.strikes = now - entry.lastLockEnd < STRIKES_MEMORY_MS ? entry.strikes + 1 : 1;
  entry.lockedUntil = now + Math.min(THROTTLE_MAX_LOCKOUT_MS, THROTTLE_LOCKOUT_MS * 2 ** (entry.strikes - 1));
  entry.lastLockEnd = entry.lockedUntil;
  entry.failures = [];
}

/** Brings an entry up to date: forgets old failures, ends a lapsed lock, turns abandoned attempts into failures. */
function refresh(entry: Entry, now: number): void {
  for (const [token, startedAt] of entry.pending) {
    if (now - startedAt < PENDING_TTL_MS) continue;
    entry.pending.delete(token);
    recordFailure(entry, startedAt + PENDING_TTL_MS);
  }
  entry.failures = entry.failures.filter((at) => now - at < THROTTLE_WINDOW_MS);
  if (entry.lockedUntil <= now) entry.lockedUntil = 0;
  if (now - entry.lastLockEnd >= STRIKES_MEMORY_MS) entry.strikes = 0;
}

function isIdle(entry: Entry): boolean {
  return entry.failures.length === 0 && entry.pending.size === 0 && entry.lockedUntil === 0 && entry.strikes === 0;
}

/** Seconds until `entry` may try again, or 0 when it may try now. */
function waitFor(entry: Entry, now: number): number {
  if (entry.lockedUntil > now) return Math.ceil((entry.lockedUntil - now) / 1000);
  if (entry.failures.length + entry.pending.size < entry.limit) return 0;
  // Full only because of attempts still in flight: they will settle within seconds.
  return 1;
}

/**
 * A {@link LoginThrottle} for one server process, counting per account AND client, never per account alone:
 * - 10 failures for one account from one client within 15 minutes lock that pair for 15 minutes, and each further
 *   lockout of the pair within a day lasts twice as long (up to a day). The same account from another client is
 *   not affected, so a stranger cannot lock an editor out; a success clears the pair's count.
 * - 100 failures from one client across accounts within 15 minutes lock that client the same way.
 * Without a known client address (UNKNOWN_CLIENT) the pair is the account with every unknown client, and no
 * client-wide count is kept, or one attacker would lock out every visitor. At most `maxKeys` entries are kept.
 */
class MemoryLoginThrottle implements MemoryThrottle {
  private readonly entries = new Map<string, Entry>();
  private readonly now: () => number;
  private readonly maxKeys: number;
  private nextToken = 0;

  constructor(options: MemoryThrottleOptions) {
    this.now = options.now ?? Date.now;
    this.maxKeys = options.maxKeys ?? 100_000;
  }

  async beginAttempt(email: string, clientKey: string): Promise<Attempt> {
    // Everything below runs before this promise exists: concurrent callers cannot all see the same free slot.
    const at = this.now();
    const keys: Array<[string, number]> = [[`pair:${email.trim().toLowerCase()}|${clientKey}`, THROTTLE_MAX_FAILURES]];
    if (clientKey !== UNKNOWN_CLIENT) keys.push([`client:${clientKey}`, THROTTLE_CLIENT_MAX_FAILURES]);
    const found = keys.map(([key, limit]) => this.entryFor(key, limit, at));
    const retryAfterSeconds = Math.max(...found.map((entry) => waitFor(entry, at)));
    if (retryAfterSeconds > 0) return { allowed: false, retryAfterSeconds };
    const token = this.nextToken++;
    found.forEach((entry) => entry.pending.set(token, at));
    let settled = false;
    const settle = async (outcome: Outcome): Promise<void> => {
      if (!settled) this.settle(keys.map(([key]) => key), token, outcome);
      settled = true;
    };
    return { allowed: true, settle };
  }

  trackedKeys(): number {
    return this.entries.size;
  }

  private entryFor(key: string, limit: number, at: number): Entry {
    let entry = this.entries.get(key);
    if (!entry) {
      if (this.entries.size >= this.maxKeys) this.prune(at);
      entry = { limit, failures: [], pending: new Map(), lockedUntil: 0, strikes: 0, lastLockEnd: 0 };
      this.entries.set(key, entry);
    }
    refresh(entry, at);
    return entry;
  }

  private settle(keys: string[], token: number, outcome: Outcome): void {
    const at = this.now();
    keys.forEach((key, index) => {
      const entry = this.entries.get(key);
      if (!entry?.pending.delete(token)) return; // abandoned (or pruned), and already counted as a failure
      if (outcome === "failure") recordFailure(entry, at);
      // A success clears the pair's count, not the client's, or one valid login would let a client keep guessing.
      else if (outcome === "success" && index === 0) entry.failures = [];
      if (isIdle(entry)) this.entries.delete(key);
    });
  }

  /** Drops idle entries; if that is not enough, the oldest unlocked ones, and only then the oldest of all. */
  private prune(at: number): void {
    const { entries, maxKeys } = this;
    for (const [key, entry] of entries) {
      refresh(entry, at);
      if (isIdle(entry)) entries.delete(key);
    }
    for (const [key, entry] of entries) if (entries.size >= maxKeys && entry.lockedUntil === 0) entries.delete(key);
    for (const key of entries.keys()) if (entries.size >= maxKeys) entries.delete(key);
  }
}

/** A fresh in-memory throttle; see {@link MemoryLoginThrottle} for the rules. Tests pass their own clock. */
export function createMemoryThrottle(options: MemoryThrottleOptions = {}): MemoryThrottle {
  return new MemoryLoginThrottle(options);
}

// On globalThis so that sign-in code in different server bundles counts against the same limits.
const DEFAULT_KEY = Symbol.for("folio.login-throttle.v2");
const defaultThrottle: LoginThrottle = ((globalThis as Record<symbol, LoginThrottle>)[DEFAULT_KEY] ??= createMemoryThrottle());

/** Reserves a sign-in attempt against the process-wide throttle; await it before checking the password. */
export function beginAttempt(email: string, clientKey: string): Promise<Attempt> {
  return defaultThrottle.beginAttempt(email, clientKey);
}
