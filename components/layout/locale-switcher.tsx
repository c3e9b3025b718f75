"use client";

import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { setLocale } from "@/app/actions/locale";
import { cn } from "@/components/ui/cn";

/** One tap between 中文 and English; the choice is remembered in a cookie. */
export function LocaleSwitcher({ className }: { className?: string }) {
  const t = useTranslations("common");
  const locale = useLocale();
  const router = useRouter();
  const [pending, start] = useTransition();
  return (
    <button
      type="button"
      className={cn(
        "inline-flex min-h-11 min-w-11 items-center justify-center rounded-md px-2 text-sm text-slate-600 hover:bg-slate-100 disabled:opacity-50",
        className,
      )}
      disabled={pending}
      aria-label={`${t("language")}: ${t("switchTo")}`}
      onClick={() =>
        start(async () => {
          await setLocale(locale === "zh-CN" ? "en" : "zh-CN");
          router.refresh();
        })
      }
    >
      {t("switchTo")}
    </button>
  );
}
