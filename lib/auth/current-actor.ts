import "server-only";
import { cache } from "react";
import { redirect } from "next/navigation";
import { getToken } from "next-auth/jwt";
import { getEnv } from "../env";
import { AppError } from "../errors";
import { authenticateApiToken } from "./api-tokens";
import { auth } from "./auth";
import { hasPermission, type Actor, type Permission } from "./permissions";
import { loadActor } from "./users";

const SECURE_COOKIE = "__Secure-authjs.session-token";

/** Who made an API request, and how they proved it (CSRF checks apply to cookies only). */
export interface RequestIdentity {
  actor: Actor;
  via: "token" | "session";
}

/**
 * The caller of an API request: a bearer API token, or the Auth.js session cookie. Works from the
 * request alone (no next/headers), so handlers are testable over plain HTTP. The user is re-read on
 * every request, so a deactivated user or changed role takes effect at once.
 */
export async function authenticateRequest(req: Request): Promise<RequestIdentity | null> {
  const authorization = req.headers.get("authorization");
  if (authorization) {
    const [scheme, token] = authorization.split(" ");
    if (scheme?.toLowerCase() !== "bearer" || !token) {
      throw new AppError("unauthorized", "Authorization header must be `Bearer <api token>`");
    }
    const actor = await authenticateApiToken(token.trim());
    if (!actor) throw new AppError("unauthorized", "The API token is invalid, expired or revoked");
    return { actor, via: "token" };
  }
  const cookie = req.headers.get("cookie") ?? "";
  if (!cookie.includes("authjs.session-token")) return null;
  const jwt = await getToken({ req, secret: getEnv().AUTH_SECRET, secureCookie: cookie.includes(SECURE_COOKIE) });
  const actor = jwt?.sub ? await loadActor(jwt.sub) : null;
  return actor ? { actor, via: "session" } : null;
}

/** The signed-in staff member for a page or server action (memoized per request). */
export const getSessionActor = cache(async (): Promise<Actor | null> => {
  const session = await auth();
  const id = session?.user?.id;
  return id ? loadActor(id) : null;
});

/** For pages: sends anonymous visitors to the login page and returns the actor. */
export async function requirePageActor(returnTo: string, permission?: Permission): Promise<Actor> {
  const actor = await getSessionActor();
  if (!actor) redirect(`/login?callbackUrl=${encodeURIComponent(returnTo)}`);
  if (permission && !hasPermission(actor.role, permission)) redirect("/admin/forbidden");
  return actor;
}

/** For server actions: throws the same errors the API answers with. */
export async function requireActionActor(permission?: Permission): Promise<Actor> {
  const actor = await getSessionActor();
  if (!actor) throw new AppError("unauthorized", "Your session has ended. Sign in again.");
  if (permission && !hasPermission(actor.role, permission)) {
    throw new AppError("forbidden", "You do not have permission to do that");
  }
  return actor;
}
