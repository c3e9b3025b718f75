import { cookies } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { getDisplayConfig } from "../env";
import { defaultLocale, isLocale, LOCALE_COOKIE, type Locale } from "./config";
import { loadMessages } from "./messages";

/** Locale from the visitor's choice (cookie), zh-CN otherwise; times in the service's zone. */
export default getRequestConfig(async () => {
  const chosen = (await cookies()).get(LOCALE_COOKIE)?.value;
  const locale: Locale = isLocale(chosen) ? chosen : defaultLocale;
  return { locale, messages: await loadMessages(locale), timeZone: getDisplayConfig().APP_TIMEZONE };
});
