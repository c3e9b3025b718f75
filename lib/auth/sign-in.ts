import "server-only";
import { z } from "zod";
import { beginLoginAttempt, loginSucceeded } from "./login-throttle";
import type { Actor } from "./permissions";
import { verifyCredentials } from "./users";

export const credentialsInput = z.object({
  email: z.string().trim().toLowerCase().email().max(200),
  password: z.string().min(1).max(200),
});

export type PasswordSignIn =
  | { status: "ok"; actor: Actor }
  | { status: "invalid" }
  | { status: "throttled"; retryAfterSeconds: number };

/**
 * A staff sign-in with e-mail and password, from the client address `ip`. An unknown e-mail and a wrong
 * password get the same answer and take the same time (verifyCredentials), and the throttle treats
 * both alike, so neither the answer nor a pause tells whether an account exists.
 */
export async function signInWithPassword(raw: unknown, ip: string, now = new Date()): Promise<PasswordSignIn> {
  const parsed = credentialsInput.safeParse(raw);
  // Not an e-mail address: no account can match, and nothing was checked worth charging.
  if (!parsed.success) return { status: "invalid" };
  const { email, password } = parsed.data;
  const attempt = await beginLoginAttempt(email, ip, now);
  if (!attempt.allowed) return { status: "throttled", retryAfterSeconds: attempt.retryAfterSeconds };
  const actor = await verifyCredentials(email, password);
  if (!actor) return { status: "invalid" };
  await loginSucceeded(email, ip);
  return { status: "ok", actor };
}
