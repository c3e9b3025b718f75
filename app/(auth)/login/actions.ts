"use server";

import { AuthError } from "next-auth";
import { signIn } from "@/lib/auth/auth";

export interface SignInState {
  error?: "invalid";
  email?: string;
}

/** Only same-site paths are honoured as a return address, so a login link cannot bounce elsewhere. */
const safeReturnPath = (value: FormDataEntryValue | null) =>
  typeof value === "string" && value.startsWith("/") && !value.startsWith("//") && !value.startsWith("/\\")
    ? value
    : "/admin";

export async function signInAction(_prev: SignInState, form: FormData): Promise<SignInState> {
  const email = String(form.get("email") ?? "").slice(0, 200);
  try {
    await signIn("credentials", {
      email,
      password: String(form.get("password") ?? "").slice(0, 200),
      redirectTo: safeReturnPath(form.get("callbackUrl")),
    });
    return {};
  } catch (e) {
    if (e instanceof AuthError) return { error: "invalid", email };
    throw e; // the redirect after a successful sign-in
  }
}
