import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { LocaleSwitcher } from "@/components/layout/locale-switcher";
import { QueryProvider } from "@/components/layout/query-provider";
import { ScopedMessages } from "@/components/layout/scoped-messages";

/** The customer shell: phone-first, one narrow column, the brand and the language switch. */
export default async function PublicLayout({ children }: { children: React.ReactNode }) {
  const t = await getTranslations("common");
  return (
    <ScopedMessages namespaces={["common", "booking", "track", "project"]}>
      <QueryProvider>
        <div className="flex min-h-dvh flex-col">
          <header className="sticky top-0 z-20 border-b border-slate-200 bg-white/95 backdrop-blur">
            <div className="mx-auto flex h-14 max-w-2xl items-center justify-between gap-3 px-4">
              <Link
                href="/booking"
                className="-ml-1 flex min-h-11 min-w-0 items-center gap-2 rounded-md px-1 font-semibold text-slate-900"
              >
                {/* eslint-disable-next-line @next/next/no-img-element */}
                <img src="/icon.svg" alt="" className="size-7 shrink-0" />
                <span className="truncate">{t("appName")}</span>
              </Link>
              <LocaleSwitcher className="min-h-11 shrink-0 px-3" />
            </div>
          </header>
          <main className="mx-auto w-full max-w-2xl flex-1 px-4 pb-12 pt-5 sm:pt-8">{children}</main>
        </div>
      </QueryProvider>
    </ScopedMessages>
  );
}
