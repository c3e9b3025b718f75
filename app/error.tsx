"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";

/** Any unexpected failure while rendering a page: say so plainly and offer a retry. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("common");
  return (
    <main className="mx-auto flex min-h-[60dvh] max-w-md items-center px-4">
      <Card className="w-full p-6 text-center">
        <h1 className="text-lg font-semibold">{t("error")}</h1>
        {error.digest && <p className="mt-2 font-mono text-xs text-slate-500">ref {error.digest}</p>}
        <Button className="mt-5" onClick={reset}>
          {t("retry")}
        </Button>
      </Card>
    </main>
  );
}
