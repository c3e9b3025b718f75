"use server";

import { AuthError } from "next-auth";
import { headers } from "next/headers";
import { signIn, SignInThrottled } from "@/lib/auth/auth";
import { requestOrigin } from "@/lib/http/base-url";
import { sameOriginPath } from "@/lib/http/safe-redirect";

export interface SignInState {
  error?: "invalid" | "throttled";
  /** With `throttled`: how long until the next attempt is accepted. */
  retryAfterSeconds?: number;
  email?: string;
}

export async function signInAction(_prev: SignInState, form: FormData): Promise<SignInState> {
  const email = String(form.get("email") ?? "").slice(0, 200);
  // Only a page of this app may be the return address, so a login link cannot bounce anyone elsewhere.
  const returnTo = sameOriginPath(form.get("callbackUrl"), requestOrigin(await headers()));
  try {
    await signIn("credentials", {
      email,
      password: String(form.get("password") ?? "").slice(0, 200),
      redirectTo: returnTo,
    });
    return {};
  } catch (e) {
    if (e instanceof SignInThrottled) return { error: "throttled", retryAfterSeconds: e.retryAfterSeconds, email };
    if (e instanceof AuthError) return { error: "invalid", email };
    throw e; // the redirect after a successful sign-in
  }
}
