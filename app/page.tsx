import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { LocaleSwitcher } from "@/components/layout/locale-switcher";
import { buttonClasses } from "@/components/ui/button";

export default async function Home() {
  const t = await getTranslations("common");
  return (
    <main className="mx-auto flex min-h-dvh max-w-md flex-col justify-center gap-6 px-6 py-10">
      <div className="flex items-center justify-between">
        {/* eslint-disable-next-line @next/next/no-img-element */}
        <img src="/icon.svg" alt="" className="size-12" />
        <LocaleSwitcher />
      </div>
      <h1 className="text-2xl font-semibold">{t("appName")}</h1>
      <Link href="/booking" className={buttonClasses("primary", "lg")}>
        {t("nav.booking")}
      </Link>
      <Link href="/login" className={buttonClasses("secondary", "lg")}>
        {t("nav.tickets")}
      </Link>
    </main>
  );
}
