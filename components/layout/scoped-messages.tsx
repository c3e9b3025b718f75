import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";

/**
 * Sends the browser only the message namespaces a part of the site uses: customers never download
 * the staff pages' strings, and pages stay light on a phone connection.
 */
export async function ScopedMessages({ namespaces, children }: { namespaces: string[]; children: React.ReactNode }) {
  const all = await getMessages();
  const messages = Object.fromEntries(namespaces.filter((ns) => ns in all).map((ns) => [ns, all[ns]]));
  return <NextIntlClientProvider messages={messages}>{children}</NextIntlClientProvider>;
}
