import { encode } from "next-auth/jwt";

export const SESSION_COOKIE = "authjs.session-token";

/**
 * A `Cookie` header carrying an Auth.js session for `user`, minted the way Auth.js mints it after a
 * Credentials sign-in (an encrypted JWT whose `sub` is the user id).
 */
export async function sessionCookie(
  user: { userId: string; email: string; name: string },
  opts: { secret?: string; cookieName?: string } = {},
): Promise<string> {
  const cookieName = opts.cookieName ?? SESSION_COOKIE;
  const jwt = await encode({
    token: { sub: user.userId, email: user.email, name: user.name },
    secret: opts.secret ?? process.env.AUTH_SECRET!,
    salt: cookieName,
  });
  return `${cookieName}=${jwt}`;
}
