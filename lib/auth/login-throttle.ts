import "server-only";
import { inArray, lt, sql } from "drizzle-orm";
import { loginThrottle } from "@/db/schema";
import { executeRows, getDb, type DbOrTx } from "../db";

/**
 * Sign-in throttling by failures, never a lockout (docs/security.md).
 *
 * Each attempt is charged to three keys: the account from this address, the address (a password spray
 * tries many accounts from one place), and the account from anywhere. Under each key a few failures are
 * free; after that the next attempt must wait 1 s, 2 s, 4 s … up to the key's ceiling. So:
 * - a guesser at one address slows down quickly and to a crawl (15 minutes between guesses);
 * - a spray from one address slows down after 20 failures across all accounts;
 * - guesses from everywhere at one account make its owner wait at most 30 s, and only past 50 failures:
 *   the owner, signing in from their own address, is never kept out for more than that short pause.
 * A success clears the account's failures (from this address and overall), not the address's: an
 * attacker cannot reset a spray by signing in to an account of their own.
 *
 * An attempt is charged before the password is checked and refunded on success, so a burst of parallel
 * guesses cannot all slip through while the first ones are still being verified. An attempt refused
 * for waiting is not charged (it checked nothing), so waiting is always enough to try again.
 */
export const throttlePolicies = {
  accountAddress: { freeFailures: 5, maxDelaySeconds: 15 * 60 },
  address: { freeFailures: 20, maxDelaySeconds: 60 * 60 },
  account: { freeFailures: 50, maxDelaySeconds: 30 },
} as const;
type PolicyName = keyof typeof throttlePolicies;

/** Failures older than this (since the last one) are forgotten; longer than any delay, so waiting out
 * the ceiling never earns a fresh set of free attempts. */
const FORGET_AFTER_SECONDS = 24 * 60 * 60;

/** The wait after `failures` failures under a policy (seconds). */
export function delayAfter(failures: number, policy: PolicyName): number {
  const { freeFailures, maxDelaySeconds } = throttlePolicies[policy];
  if (failures < freeFailures) return 0;
  return Math.min(maxDelaySeconds, 2 ** Math.min(failures - freeFailures, 30));
}

function keysFor(email: string, ip: string): { key: string; policy: PolicyName }[] {
  const account = email.trim().toLowerCase();
  return [
    { key: `acct_ip:${account}|${ip}`, policy: "accountAddress" },
    { key: `ip:${ip}`, policy: "address" },
    { key: `acct:${account}`, policy: "account" },
  ];
}

/** SQL for "this key's wait is over (or its failures are forgotten) at `now`". */
function waitIsOver(policy: PolicyName, now: Date) {
  const { freeFailures, maxDelaySeconds } = throttlePolicies[policy];
  const delay = sql`case when ${loginThrottle.failures} < ${freeFailures} then 0
    else least(${maxDelaySeconds}, power(2, least(${loginThrottle.failures} - ${freeFailures}, 30))) end`;
  return sql`(${loginThrottle.lastFailedAt} < ${now.toISOString()}::timestamptz - make_interval(secs => ${FORGET_AFTER_SECONDS})
    or ${loginThrottle.lastFailedAt} + make_interval(secs => ${delay}) <= ${now.toISOString()}::timestamptz)`;
}

class MustWait extends Error {}

export type LoginAttempt = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Charges a sign-in attempt to its keys, or refuses it (charging nothing) while any key must still wait.
 * Call `loginSucceeded` when the password turns out right.
 */
export async function beginLoginAttempt(email: string, ip: string, now = new Date()): Promise<LoginAttempt> {
  const db = await getDb();
  const keys = keysFor(email, ip);
  try {
    await db.transaction(async (tx) => {
      for (const { key, policy } of keys) {
        // One statement per key: a concurrent attempt waits for this row's lock, then sees this charge.
        const charged = await executeRows(
          tx,
          sql`insert into ${loginThrottle} (key, failures, last_failed_at) values (${key}, 1, ${now.toISOString()}::timestamptz)
              on conflict (key) do update set
                failures = case
                  when ${loginThrottle.lastFailedAt} < ${now.toISOString()}::timestamptz - make_interval(secs => ${FORGET_AFTER_SECONDS})
                  then 1 else ${loginThrottle.failures} + 1 end,
                last_failed_at = ${now.toISOString()}::timestamptz
              where ${waitIsOver(policy, now)}
              returning failures`,
        );
        if (charged.length === 0) throw new MustWait();
      }
    });
    return { allowed: true };
  } catch (e) {
    if (!(e instanceof MustWait)) throw e;
    return { allowed: false, retryAfterSeconds: await secondsToWait(db, keys, now) };
  }
}

async function secondsToWait(db: DbOrTx, keys: { key: string; policy: PolicyName }[], now: Date): Promise<number> {
  const rows = await db
    .select()
    .from(loginThrottle)
    .where(
      inArray(
        loginThrottle.key,
        keys.map((k) => k.key),
      ),
    );
  let waitMs = 0;
  for (const row of rows) {
    const policy = keys.find((k) => k.key === row.key)!.policy;
    const until = row.lastFailedAt.getTime() + delayAfter(row.failures, policy) * 1000;
    waitMs = Math.max(waitMs, until - now.getTime());
  }
  return Math.max(1, Math.ceil(waitMs / 1000));
}

/** The password was right: forget the account's failures and refund this attempt to the address. */
export async function loginSucceeded(email: string, ip: string): Promise<void> {
  const db = await getDb();
  const [accountAddress, address, account] = keysFor(email, ip);
  await db.transaction(async (tx) => {
    await tx.delete(loginThrottle).where(inArray(loginThrottle.key, [accountAddress!.key, account!.key]));
    await tx
      .update(loginThrottle)
      .set({ failures: sql`greatest(${loginThrottle.failures} - 1, 0)` })
      .where(sql`${loginThrottle.key} = ${address!.key}`);
  });
}

/** Drops keys whose failures are forgotten anyway; run from the periodic tick. */
export async function pruneLoginThrottle(now = new Date()): Promise<void> {
  const db = await getDb();
  await db
    .delete(loginThrottle)
    .where(lt(loginThrottle.lastFailedAt, new Date(now.getTime() - FORGET_AFTER_SECONDS * 1000)));
}
