import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";

export default async function ForbiddenPage() {
  const t = await getTranslations("common.forbidden");
  return (
    <Card className="mx-auto max-w-md p-6 text-center">
      <h1 className="text-lg font-semibold">{t("title")}</h1>
      <p className="mt-2 text-sm text-slate-600">{t("body")}</p>
      <Link href="/admin" className={`${buttonClasses("secondary")} mt-5`}>
        {t("home")}
      </Link>
    </Card>
  );
}
