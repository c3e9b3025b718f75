import "server-only";
import NextAuth from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { getEnv } from "../env";
import { consumeRateLimit } from "../rate-limit";
import { verifyCredentials } from "./users";

const credentialsInput = z.object({
  email: z.string().trim().toLowerCase().email().max(200),
  password: z.string().min(1).max(200),
});

/** Session lifetime: a working day and a bit; the JWT is re-issued while the user is active. */
const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

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
        async authorize(raw) {
          const parsed = credentialsInput.safeParse(raw);
          if (!parsed.success) return null;
          // Slows password guessing against one account without locking its owner out for long.
          const allowed = await consumeRateLimit(`login:${parsed.data.email}`, { limit: 10, windowSeconds: 15 * 60 });
          if (!allowed) return null;
          const actor = await verifyCredentials(parsed.data.email, parsed.data.password);
          return actor ? { id: actor.userId, email: actor.email, name: actor.name } : null;
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
    },
  };
});
