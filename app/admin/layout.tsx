import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AdminNav, type NavItem } from "@/components/layout/admin-nav";
import { LocaleSwitcher } from "@/components/layout/locale-switcher";
import { QueryProvider } from "@/components/layout/query-provider";
import { ScopedMessages } from "@/components/layout/scoped-messages";
import { getSessionActor } from "@/lib/auth/current-actor";
import { hasPermission } from "@/lib/auth/permissions";
import { signOutAction } from "./actions";

/**
 * The staff shell. It only shapes the chrome: every page below checks its own access, because
 * layouts do not re-run on every navigation and server actions bypass them.
 */
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const actor = await getSessionActor();
  const t = await getTranslations("common");
  const items: NavItem[] = [];
  if (actor && actor.role !== "technician" && hasPermission(actor.role, "tickets.read"))
    items.push({ href: "/admin/tickets", label: t("nav.tickets") });
  if (actor?.technicianId) items.push({ href: "/admin/my-jobs", label: t("nav.myJobs") });
  if (actor && hasPermission(actor.role, "work_orders.read"))
    items.push({ href: "/admin/work-orders", label: t("nav.workOrders") });
  if (actor && hasPermission(actor.role, "projects.read"))
    items.push({ href: "/admin/projects", label: t("nav.projects") });
  if (actor && hasPermission(actor.role, "sync_logs.read"))
    items.push({ href: "/admin/sync-logs", label: t("nav.syncLogs") });
  if (actor && hasPermission(actor.role, "notifications.manage"))
    items.push({ href: "/admin/notifications", label: (await getTranslations("notifications"))("nav") });
  if (actor && hasPermission(actor.role, "integrations.manage"))
    items.push({ href: "/admin/config", label: t("nav.config") });
  if (actor && hasPermission(actor.role, "tokens.manage"))
    items.push({ href: "/admin/tokens", label: t("nav.tokens") });

  return (
    <ScopedMessages namespaces={["common", "tickets", "jobs", "tokens", "integrations", "workOrders", "syncLogs", "projects", "projectConfig", "notifications"]}>
      <QueryProvider>
        <div className="min-h-dvh">
          <header className="sticky top-0 z-20 border-b border-slate-200 bg-white/95 backdrop-blur">
            <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-2.5">
              <Link
                href="/admin"
                aria-label={t("appName")}
                className="flex min-h-11 min-w-11 items-center gap-2 font-semibold text-slate-900"
              >
                {/* eslint-disable-next-line @next/next/no-img-element */}
                <img src="/icon.svg" alt="" className="size-7" />
                <span className="hidden sm:inline">{t("appName")}</span>
              </Link>
              <div className="order-3 w-full sm:order-none sm:w-auto sm:flex-1">
                <AdminNav items={items} />
              </div>
              <div className="ml-auto flex items-center gap-2">
                <LocaleSwitcher />
                {actor && (
                  <>
                    {/* Shown on a phone too: a shared phone or tablet must say whose jobs these are. */}
                    <span className="max-w-36 text-right text-xs leading-tight text-slate-500">
                      <span className="block truncate font-medium text-slate-700">
                        {actor.name}
                      </span>
                      {t(`role.${actor.role}`)}
                    </span>
                    <form action={signOutAction}>
                      <button
                        type="submit"
                        className="inline-flex min-h-11 min-w-11 items-center justify-center rounded-md px-2 text-sm text-slate-600 hover:bg-slate-100"
                      >
                        {t("nav.signOut")}
                      </button>
                    </form>
                  </>
                )}
              </div>
            </div>
          </header>
          <main className="mx-auto max-w-7xl px-3 py-4 sm:px-4 sm:py-6">{children}</main>
        </div>
      </QueryProvider>
    </ScopedMessages>
  );
}
