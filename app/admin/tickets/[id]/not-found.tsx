import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";

/** Missing and not-yours look the same, so ids reveal nothing. */
export default async function TicketNotFound() {
  const t = await getTranslations("tickets.detail");
  return (
    <Card className="mx-auto max-w-md p-6 text-center">
      <h1 className="text-lg font-semibold">{t("notFoundTitle")}</h1>
      <p className="mt-2 text-sm text-slate-600">{t("notFoundBody")}</p>
      <Link href="/admin" className={`${buttonClasses("secondary")} mt-5`}>
        {t("backToStart")}
      </Link>
    </Card>
  );
}
