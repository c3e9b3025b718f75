import type { Locale } from "./config";

/**
 * Messages are split by feature (one JSON file per namespace and locale) so features can be worked
 * on independently. Add a namespace here in both locales.
 */
const namespaces = [
  "common",
  "auth",
  "booking",
  "track",
  "tickets",
  "jobs",
  "tokens",
  "integrations",
  "workOrders",
  "syncLogs",
  "project",
  "projects",
  "projectConfig",
  "notifications",
] as const;

export async function loadMessages(locale: Locale): Promise<Record<string, unknown>> {
  const entries = await Promise.all(
    namespaces.map(async (ns) => [ns, (await import(`./messages/${locale}/${ns}.json`)).default] as const),
  );
  return Object.fromEntries(entries);
}
