import { describe, expect, it } from "vitest";
import { seedUsers, useTempDataDir } from "@/tests/auth-helpers";
import { getSession } from "./sessions";
import { signIn } from "./sign-in";
import { Bulkhead } from "./bulkhead";
import { createMemoryThrottle } from "./throttle";

const dataDir = useTempDataDir();
const PASSWORD = "a good long password";

describe("signIn", () => {
  it("starts a session for the right password and says nothing more than 'invalid' otherwise", async () => {
    await seedUsers(dataDir(), [{ email: "ed@example.com", role: "editor" }], PASSWORD);
    const throttle = createMemoryThrottle();
    const ok = await signIn(" Ed@Example.com ", PASSWORD, "ip:a", throttle);
    expect(ok).toMatchObject({ ok: true, email: "ed@example.com", role: "editor" });
    if (!ok.ok) throw new Error("expected success");
    expect(await getSession(ok.sessionId)).toEqual({ email: "ed@example.com", role: "editor" });
    expect(await signIn("ed@example.com", `${PASSWORD}!`, "ip:a", throttle)).toEqual({ ok: false, error: "invalid-credentials" });
    expect(await signIn("nobody@example.com", PASSWORD, "ip:a", throttle)).toEqual({ ok: false, error: "invalid-credentials" });
  });

  it("reserves throttle slots before checking passwords, so a concurrent burst from one client gets 10 guesses", async () => {
    await seedUsers(dataDir(), [{ email: "ed@example.com", role: "editor" }], PASSWORD);
    const throttle = createMemoryThrottle();
    const roomy = new Bulkhead(2, 25, 60_000);
    const results = await Promise.all(Array.from({ length: 25 }, (_, i) => signIn("ed@example.com", `guess ${i} wrong!`, "ip:a", throttle, roomy)));
    expect(results.filter((r) => !r.ok && r.error === "invalid-credentials")).toHaveLength(10);
    expect(results.filter((r) => !r.ok && r.error === "throttled")).toHaveLength(15);
    // Locked for that client: even the right password is refused without being checked; from another, it works.
    expect(await signIn("ed@example.com", PASSWORD, "ip:a", throttle, roomy)).toEqual({ ok: false, error: "throttled", retryAfterSeconds: 900 });
    expect(await signIn("ed@example.com", PASSWORD, "ip:b", throttle, roomy)).toMatchObject({ ok: true });
  });

  it("answers 'busy' at once, without hashing, beyond the hashes that may run and wait", async () => {
    await seedUsers(dataDir(), [{ email: "ed@example.com", role: "editor" }], PASSWORD);
    const throttle = createMemoryThrottle();
    const tight = new Bulkhead(1, 1, 60_000);
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => signIn(`stranger${i}@example.com`, "made up password", "ip:a", throttle, tight)));
    expect(results.filter((r) => !r.ok && r.error === "busy")).toHaveLength(6);
    expect(results.filter((r) => !r.ok && r.error === "invalid-credentials")).toHaveLength(2);
    // Busy answers are not failures: the right password still works at once.
    expect(await signIn("ed@example.com", PASSWORD, "ip:a", throttle, tight)).toMatchObject({ ok: true });
  });
});
