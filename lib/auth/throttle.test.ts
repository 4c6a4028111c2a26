import { describe, expect, it } from "vitest";
import { PEER_CHECK_HEADER, peerCheckToken } from "@/lib/http/peer";
import { clientKeyFrom, UNKNOWN_CLIENT } from "./client-key";
import { createMemoryThrottle, type Attempt, type LoginThrottle } from "./throttle";

const MINUTE = 60_000;

function setup(maxKeys?: number) {
  const clock = { now: Date.parse("2026-03-01T09:00:00Z") };
  const throttle = createMemoryThrottle({ now: () => clock.now, maxKeys });
  return { clock, throttle };
}

/** Begins and settles one attempt; returns whether it was allowed. */
async function attempt(throttle: LoginThrottle, email: string, client: string, success = false): Promise<Attempt> {
  const result = await throttle.beginAttempt(email, client);
  if (result.allowed) await result.settle(success ? "success" : "failure");
  return result;
}

describe("login throttle", () => {
  it("locks an account from one client after 10 failures for 15 minutes; the same account from another client still gets in", async () => {
    const { clock, throttle } = setup();
    for (let i = 0; i < 10; i++) expect((await attempt(throttle, "ada@example.com", "ip:10.0.0.66")).allowed).toBe(true);
    expect(await attempt(throttle, " ADA@example.com", "ip:10.0.0.66", true)).toEqual({ allowed: false, retryAfterSeconds: 900 });
    // The real user, from their own address: a stranger's guesses did not lock them out.
    expect((await attempt(throttle, "ada@example.com", "ip:192.0.2.10", true)).allowed).toBe(true);
    clock.now += 15 * MINUTE - 1000;
    expect(await attempt(throttle, "ada@example.com", "ip:10.0.0.66")).toEqual({ allowed: false, retryAfterSeconds: 1 });
    clock.now += 1000;
    expect((await attempt(throttle, "ada@example.com", "ip:10.0.0.66")).allowed).toBe(true);
  });

  it("a stranger rotating through accounts cannot lock any of them for their real users", async () => {
    const { throttle } = setup();
    const editors = Array.from({ length: 20 }, (_, i) => `editor${i}@example.com`);
    for (const email of editors) for (let i = 0; i < 12; i++) await attempt(throttle, email, "ip:203.0.113.66");
    for (const email of editors) expect((await attempt(throttle, email, "ip:192.0.2.10", true)).allowed, email).toBe(true);
  });

  it("each further lockout of the same pair lasts twice as long (growing delays), up to a day", async () => {
    const { clock, throttle } = setup();
    const lockOnce = async () => {
      for (let i = 0; i < 10; i++) expect((await attempt(throttle, "ada@example.com", "ip:a")).allowed).toBe(true);
      const refused = await attempt(throttle, "ada@example.com", "ip:a");
      return refused.allowed ? 0 : refused.retryAfterSeconds;
    };
    expect(await lockOnce()).toBe(900);
    clock.now += 15 * MINUTE;
    expect(await lockOnce()).toBe(1800);
    clock.now += 30 * MINUTE;
    expect(await lockOnce()).toBe(3600);
    let wait = 3600;
    for (let n = 0; n < 8; n++) {
      clock.now += wait * 1000;
      wait = await lockOnce();
    }
    expect(wait).toBe(24 * 3600);
  });

  it("locks a client after 100 failures across accounts", async () => {
    const { throttle } = setup();
    for (let i = 0; i < 100; i++) await attempt(throttle, `user${i}@example.com`, "ip:192.0.2.7");
    expect((await attempt(throttle, "fresh@example.com", "ip:192.0.2.7")).allowed).toBe(false);
    expect((await attempt(throttle, "fresh@example.com", "ip:192.0.2.8")).allowed).toBe(true);
  });

  it("does not count the shared 'unknown' client across accounts, or one attacker would lock everyone out", async () => {
    const { throttle } = setup();
    for (let i = 0; i < 300; i++) expect((await attempt(throttle, `user${i % 30}@example.com`, UNKNOWN_CLIENT)).allowed).toBe(true);
  });

  it("forgets failures older than 15 minutes", async () => {
    const { clock, throttle } = setup();
    for (let i = 0; i < 9; i++) await attempt(throttle, "ada@example.com", "ip:a");
    clock.now += 15 * MINUTE;
    for (let i = 0; i < 9; i++) expect((await attempt(throttle, "ada@example.com", "ip:a")).allowed).toBe(true);
  });

  it("clears the pair's count on success, but not the client's", async () => {
    const { throttle } = setup();
    for (let i = 0; i < 9; i++) await attempt(throttle, "ada@example.com", "ip:a");
    await attempt(throttle, "ada@example.com", "ip:a", true);
    for (let i = 0; i < 10; i++) expect((await attempt(throttle, "ada@example.com", "ip:a")).allowed).toBe(true);
    expect((await attempt(throttle, "ada@example.com", "ip:a")).allowed).toBe(false);
    // ip:a's client-wide count kept all 19 failures: 81 more across other accounts lock it.
    for (let i = 0; i < 81; i++) await attempt(throttle, `other${i}@example.com`, "ip:a");
    expect((await attempt(throttle, "new@example.com", "ip:a")).allowed).toBe(false);
  });

  it("lets at most 10 of 100 concurrent attempts through, counting in-flight ones as failures", async () => {
    const { throttle } = setup();
    const results = await Promise.all(Array.from({ length: 100 }, () => throttle.beginAttempt("ada@example.com", "ip:a")));
    const allowed = results.filter((r) => r.allowed);
    expect(allowed).toHaveLength(10);
    expect(results.find((r) => !r.allowed)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    await Promise.all(allowed.map((r) => r.settle("failure")));
    expect(await throttle.beginAttempt("ada@example.com", "ip:a")).toEqual({ allowed: false, retryAfterSeconds: 900 });
  });

  it("an attempt never checked (the server was busy) counts neither way, and a second settle is ignored", async () => {
    const { throttle } = setup();
    for (let i = 0; i < 50; i++) {
      const result = await throttle.beginAttempt("ada@example.com", "ip:a");
      if (!result.allowed) throw new Error("an unchecked attempt must not count as a failure");
      await result.settle("unchecked");
      await result.settle("failure"); // must not count now
    }
    for (let i = 0; i < 10; i++) expect((await attempt(throttle, "ada@example.com", "ip:a")).allowed).toBe(true);
  });

  it("counts an attempt that is never settled as a failure after a minute", async () => {
    const { clock, throttle } = setup();
    for (let i = 0; i < 10; i++) await throttle.beginAttempt("ada@example.com", "ip:a"); // callers crashed
    expect((await throttle.beginAttempt("ada@example.com", "ip:a")).allowed).toBe(false);
    clock.now += MINUTE;
    expect(await throttle.beginAttempt("ada@example.com", "ip:a")).toMatchObject({ allowed: false, retryAfterSeconds: 900 });
  });

  it("keeps memory bounded, evicting idle entries first", async () => {
    const { throttle } = setup(50);
    for (let i = 0; i < 10; i++) await attempt(throttle, "locked@example.com", UNKNOWN_CLIENT);
    for (let i = 0; i < 1000; i++) await attempt(throttle, `spray${i}@example.com`, UNKNOWN_CLIENT);
    expect(throttle.trackedKeys()).toBeLessThanOrEqual(50);
    expect((await attempt(throttle, "locked@example.com", UNKNOWN_CLIENT)).allowed).toBe(false);
  });
});

describe("clientKeyFrom", () => {
  const headers = (xff?: string) => new Headers(xff ? { "x-forwarded-for": xff } : {});

  it("ignores X-Forwarded-For unless the proxy is trusted, so rotating it changes nothing", () => {
    const keys = ["1.1.1.1", "2.2.2.2", "3.3.3.3, 4.4.4.4"].map((xff) => clientKeyFrom(headers(xff), "203.0.113.9", false));
    expect(new Set(keys)).toEqual(new Set(["ip:203.0.113.9"]));
    expect(clientKeyFrom(headers("1.1.1.1"), undefined, false)).toBe(UNKNOWN_CLIENT);
  });

  it("takes the right-most X-Forwarded-For entry from a trusted proxy", () => {
    expect(clientKeyFrom(headers("6.6.6.6, 198.51.100.4"), "10.0.0.1", true)).toBe("ip:198.51.100.4");
    expect(clientKeyFrom(headers("spoofed, 198.51.100.4 "), undefined, true)).toBe("ip:198.51.100.4");
    expect(clientKeyFrom(headers("198.51.100.4, garbage"), "10.0.0.1", true)).toBe("ip:10.0.0.1");
    expect(clientKeyFrom(headers(), "10.0.0.1", true)).toBe("ip:10.0.0.1");
  });

  it("reads TRUST_PROXY by default", () => {
    const before = process.env.TRUST_PROXY;
    process.env.TRUST_PROXY = "1";
    try {
      expect(clientKeyFrom(headers("198.51.100.4"), "10.0.0.1")).toBe("ip:198.51.100.4");
    } finally {
      if (before === undefined) delete process.env.TRUST_PROXY;
      else process.env.TRUST_PROXY = before;
    }
    expect(clientKeyFrom(headers("198.51.100.4"), "10.0.0.1")).toBe("ip:10.0.0.1");
  });

  it("believes the X-Forwarded-For that Next.js filled from the socket only when proxy.ts marked the request", () => {
    const marked = new Headers({ "x-forwarded-for": "192.0.2.44", [PEER_CHECK_HEADER]: peerCheckToken() });
    expect(clientKeyFrom(marked, undefined, false)).toBe("ip:192.0.2.44");
    const forged = new Headers({ "x-forwarded-for": "192.0.2.44", [PEER_CHECK_HEADER]: "guessed" });
    expect(clientKeyFrom(forged, undefined, false)).toBe(UNKNOWN_CLIENT);
    expect(clientKeyFrom(headers("192.0.2.44"), undefined, false)).toBe(UNKNOWN_CLIENT);
  });

  it("groups IPv6 by /64 and unwraps IPv4-mapped addresses", () => {
    expect(clientKeyFrom(headers(), "2001:db8:1:2:aaaa::1", false)).toBe("ip:2001:db8:1:2::/64");
    expect(clientKeyFrom(headers(), "2001:0db8:0001:0002:ffff:ffff:ffff:ffff", false)).toBe("ip:2001:db8:1:2::/64");
    expect(clientKeyFrom(headers(), "2001:db8::1", false)).toBe("ip:2001:db8:0:0::/64");
    expect(clientKeyFrom(headers(), "::ffff:192.0.2.1", false)).toBe("ip:192.0.2.1");
  });
});
