import { defaultLocale, isLocale, LOCALE_COOKIE, type Locale } from "./config";

/**
 * The language of an API answer that carries words (seed 003's "5分钟前"): the visitor's choice in the
 * locale cookie, else English when Accept-Language prefers it, else Chinese (the product's default).
 */
export function requestLocale(headers: Headers): Locale {
  const cookie = headers
    .get("cookie")
    ?.split(";")
    .map((c) => c.trim().split("="))
    .find(([name]) => name === LOCALE_COOKIE)?.[1];
  const chosen = cookie ? decodeURIComponent(cookie) : undefined;
  if (isLocale(chosen)) return chosen;
  const preferred = headers.get("accept-language")?.split(",")[0]?.trim().toLowerCase() ?? "";
  return preferred.startsWith("en") ? "en" : defaultLocale;
}
