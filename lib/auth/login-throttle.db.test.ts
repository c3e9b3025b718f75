import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { loginThrottle } from "@/db/schema";
import { getDb } from "@/lib/db";
import { withTestDatabase } from "@/test/db";
import { createStaff } from "@/test/fixtures";
import { beginLoginAttempt, delayAfter, pruneLoginThrottle, throttlePolicies } from "./login-throttle";
import { signInWithPassword } from "./sign-in";

withTestDatabase();

type Staff = Awaited<ReturnType<typeof createStaff>>;
let owner: Staff;
let addressCounter = 0;
/** A fresh client address per use, so tests do not share the per-address key. */
const newAddress = () => `203.0.113.${++addressCounter}`;
const at = (start: Date, seconds: number) => new Date(start.getTime() + seconds * 1000);

const wrong = (user: { email: string }, ip: string, now?: Date) =>
  signInWithPassword({ email: user.email, password: "not-the-password" }, ip, now);
const right = (user: { email: string; password: string }, ip: string, now?: Date) =>
  signInWithPassword({ email: user.email, password: user.password }, ip, now);

beforeAll(async () => {
  owner = await createStaff("agent");
});

describe("the delay grows with failures and has a ceiling per key", () => {
  it("is free for the first few failures, then doubles up to the ceiling", () => {
    expect([0, 4, 5, 6, 7, 10].map((n) => delayAfter(n, "accountAddress"))).toEqual([0, 0, 1, 2, 4, 32]);
    expect(delayAfter(100, "accountAddress")).toBe(throttlePolicies.accountAddress.maxDelaySeconds);
    expect(delayAfter(10_000, "address")).toBe(throttlePolicies.address.maxDelaySeconds);
    // Guesses at one account from everywhere pause its owner for 30 s at most.
    expect(delayAfter(1_000_000, "account")).toBe(30);
  });
});

describe("wrong-password bursts slow the attacker, not the owner", () => {
  it("one address guessing one account waits longer after each failure past five", async () => {
    const attacker = newAddress();
    const start = new Date();
    for (let i = 0; i < 5; i++) expect(await wrong(owner, attacker, start)).toEqual({ status: "invalid" });
    const refused = await wrong(owner, attacker, start);
    expect(refused).toEqual({ status: "throttled", retryAfterSeconds: 1 });
    // Even the right password is not checked during the pause: the answer gives nothing away.
    expect(await right(owner, attacker, start)).toEqual({ status: "throttled", retryAfterSeconds: 1 });

    // Waiting is always enough, and each further failure doubles the wait.
    let now = start;
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      now = at(now, waits.at(-1) ?? 1);
      expect(await wrong(owner, attacker, now)).toEqual({ status: "invalid" });
      const next = await wrong(owner, attacker, now);
      expect(next.status).toBe("throttled");
      waits.push((next as { retryAfterSeconds: number }).retryAfterSeconds);
    }
    expect(waits).toEqual([2, 4, 8, 16]);
  });

  it("the owner, from another address, signs in at once with the right password", async () => {
    const user = await createStaff("agent");
    const attacker = newAddress();
    // The attacker guesses as fast as the throttle lets them: 12 failures, waiting out each pause.
    let now = new Date();
    for (let failures = 0; failures < 12; ) {
      const r = await wrong(user, attacker, now);
      if (r.status === "throttled") now = at(now, r.retryAfterSeconds);
      else failures++;
    }
    const refused = await wrong(user, attacker, now);
    expect(refused).toEqual({ status: "throttled", retryAfterSeconds: 128 });
    const signedIn = await right(user, newAddress(), now);
    expect(signedIn).toMatchObject({ status: "ok", actor: { userId: user.userId } });
  });

  it("a success clears the account's failures from that address", async () => {
    const user = await createStaff("ops_manager");
    const home = newAddress();
    const start = new Date();
    for (let i = 0; i < 5; i++) await wrong(user, home, start);
    expect((await wrong(user, home, start)).status).toBe("throttled");
    // The owner mistyped; after the short pause the right password works and wipes the slate.
    expect((await right(user, home, at(start, 1))).status).toBe("ok");
    for (let i = 0; i < 5; i++) expect((await wrong(user, home, at(start, 2))).status).toBe("invalid");
  });

  it("a parallel burst is charged attempt by attempt: only the free five reach the password check", async () => {
    const user = await createStaff("agent");
    const attacker = newAddress();
    const now = new Date();
    const results = await Promise.all(Array.from({ length: 20 }, () => wrong(user, attacker, now)));
    expect(results.filter((r) => r.status === "invalid")).toHaveLength(5);
    expect(results.filter((r) => r.status === "throttled")).toHaveLength(15);
  });

  it("guesses from many addresses pause the owner for 30 seconds at most", async () => {
    const user = await createStaff("agent");
    const start = new Date();
    for (let i = 0; i < 60; i++) await beginLoginAttempt(user.email, newAddress(), start);
    const ownerAddress = newAddress();
    const paused = await right(user, ownerAddress, start);
    expect(paused.status).toBe("throttled");
    expect((paused as { retryAfterSeconds: number }).retryAfterSeconds).toBeLessThanOrEqual(30);
    expect((await right(user, ownerAddress, at(start, 30))).status).toBe("ok");
  });
});

describe("a password spray from one address", () => {
  it("is slowed after twenty failures across accounts; other addresses are not", async () => {
    const sprayer = newAddress();
    const start = new Date();
    const victims = await Promise.all(Array.from({ length: 3 }, () => createStaff("technician")));
    // Twenty different accounts (real and made-up), one guess each: every one is checked.
    const emails = [...victims.map((v) => v.email), ...Array.from({ length: 17 }, (_, i) => `nobody-${i}@test.local`)];
    for (const email of emails) {
      expect(await signInWithPassword({ email, password: "Summer2026!" }, sprayer, start)).toEqual({ status: "invalid" });
    }
    const next = await signInWithPassword({ email: "yet-another@test.local", password: "Summer2026!" }, sprayer, start);
    expect(next).toEqual({ status: "throttled", retryAfterSeconds: 1 });
    // The accounts themselves are fine from anywhere else.
    expect((await right(victims[0]!, newAddress(), start)).status).toBe("ok");
  });

  it("an attacker's own successful sign-in does not reset the spray count", async () => {
    const sprayer = newAddress();
    const insider = await createStaff("agent");
    const start = new Date();
    for (let i = 0; i < 20; i++) await signInWithPassword({ email: `x${i}@test.local`, password: "guess" }, sprayer, start);
    expect((await right(insider, sprayer, at(start, 1))).status).toBe("ok");
    const after = await signInWithPassword({ email: "x99@test.local", password: "guess" }, sprayer, at(start, 1));
    expect(after.status).toBe("throttled");
  });
});

describe("unknown e-mail and wrong password look the same", () => {
  it("same answers, and the same throttling", async () => {
    const user = await createStaff("agent");
    const now = new Date();
    const unknown = { email: "no-such-person@test.local" };
    const [ipA, ipB] = [newAddress(), newAddress()];
    const a: string[] = [];
    const b: string[] = [];
    for (let i = 0; i < 6; i++) {
      a.push(JSON.stringify(await wrong(unknown, ipA, now)));
      b.push(JSON.stringify(await wrong(user, ipB, now)));
    }
    expect(a).toEqual(b);
    expect(JSON.parse(a.at(-1)!)).toEqual({ status: "throttled", retryAfterSeconds: 1 });
  });

  it("input that is not an e-mail address is refused without touching the throttle", async () => {
    const db = await getDb();
    const before = (await db.select({ n: count() }).from(loginThrottle))[0]!.n;
    expect(await signInWithPassword({ email: "not an email", password: "x" }, newAddress())).toEqual({
      status: "invalid",
    });
    expect(await signInWithPassword({ email: owner.email }, newAddress())).toEqual({ status: "invalid" });
    expect((await db.select({ n: count() }).from(loginThrottle))[0]!.n).toBe(before);
  });
});

describe("housekeeping", () => {
  it("forgets failures a day after the last one", async () => {
    const user = await createStaff("agent");
    const ip = newAddress();
    const longAgo = new Date(Date.now() - 25 * 3600_000);
    for (let i = 0; i < 8; i++) await wrong(user, ip, longAgo);
    // A day later the old failures no longer count …
    expect((await wrong(user, ip)).status).toBe("invalid");
    // … and the tick's prune drops keys whose last failure is that old.
    const db = await getDb();
    const key = `ip:${ip}`;
    await db.update(loginThrottle).set({ lastFailedAt: longAgo }).where(eq(loginThrottle.key, key));
    await pruneLoginThrottle();
    expect(await db.select().from(loginThrottle).where(eq(loginThrottle.key, key))).toEqual([]);
  });
});
