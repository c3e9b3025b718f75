import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getEnv } from "../env";
import { clientIp } from "../http/client-ip";
import { sameOriginPath } from "../http/safe-redirect";
import { getLogger } from "../logger";
import { signInWithPassword } from "./sign-in";

/** Session lifetime: a working day and a bit; the JWT is re-issued while the user is active. */
const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

/**
 * Too many failed sign-ins under one of this attempt's keys (login-throttle.ts). The sign-in form reads
 * `retryAfterSeconds`; Auth.js's own endpoint puts `code=throttled` in the login page's URL.
 */
export class SignInThrottled extends CredentialsSignin {
  code = "throttled";
  constructor(readonly retryAfterSeconds: number) {
    super();
  }
}

// Config is a function so secrets are read on the first request, not when `next build` imports this.
export const { handlers, auth, signIn, signOut } = NextAuth(() => {
  const env = getEnv();
  return {
    secret: env.AUTH_SECRET,
    trustHost: env.AUTH_TRUST_HOST || env.NODE_ENV !== "production",
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/login" },
    providers: [
      Credentials({
        credentials: { email: {}, password: {} },
        async authorize(raw, request) {
          const result = await signInWithPassword(raw, clientIp(request.headers));
          if (result.status === "throttled") throw new SignInThrottled(result.retryAfterSeconds);
          if (result.status !== "ok") return null;
          const { actor } = result;
          return { id: actor.userId, email: actor.email, name: actor.name };
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user?.id) token.sub = user.id;
        return token;
      },
      session({ session, token }) {
        if (token.sub) session.user.id = token.sub;
        return session;
      },
      // Every redirect Auth.js makes (after sign-in, sign-out) stays on this app's origin.
      redirect({ url, baseUrl }) {
        return new URL(sameOriginPath(url, baseUrl, "/admin"), baseUrl).toString();
      },
    },
    logger: {
      // A wrong password is an expected answer, not an error worth a stack trace in the log.
      error(error) {
        if (error instanceof CredentialsSignin) getLogger().info({ code: error.code }, "sign-in refused");
        else getLogger().error({ err: error }, "auth error");
      },
      warn(code) {
        getLogger().warn({ code }, "auth warning");
      },
      debug() {},
    },
  };
});
