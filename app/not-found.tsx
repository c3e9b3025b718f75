import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";

export default async function NotFound() {
  const t = await getTranslations("common");
  return (
    <main className="mx-auto flex min-h-[60dvh] max-w-md items-center px-4">
      <Card className="w-full p-6 text-center">
        <h1 className="text-lg font-semibold">{t("notFound")}</h1>
        <Link href="/" className={`${buttonClasses("secondary")} mt-5`}>
          {t("forbidden.home")}
        </Link>
      </Card>
    </main>
  );
}
