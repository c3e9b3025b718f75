import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { LocaleSwitcher } from "@/components/layout/locale-switcher";
import { Card } from "@/components/ui/card";
import { getSessionActor } from "@/lib/auth/current-actor";
import { LoginForm } from "./login-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auth"))("title") };
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const { callbackUrl } = await searchParams;
  const target = callbackUrl?.startsWith("/") && !callbackUrl.startsWith("//") ? callbackUrl : "/admin";
  if (await getSessionActor()) redirect(target);
  const t = await getTranslations("auth");
  const common = await getTranslations("common");
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center px-4 py-10">
      <div className="w-full max-w-sm">
        <div className="mb-6 flex items-center justify-between">
          <div className="flex items-center gap-2">
            {/* eslint-disable-next-line @next/next/no-img-element */}
            <img src="/icon.svg" alt="" className="size-9" />
            <span className="font-semibold text-slate-800">{common("appName")}</span>
          </div>
          <LocaleSwitcher />
        </div>
        <Card className="p-6">
          <h1 className="text-xl font-semibold">{t("title")}</h1>
          <p className="mb-5 mt-1 text-sm text-slate-500">{t("subtitle")}</p>
          <LoginForm callbackUrl={target} />
        </Card>
      </div>
    </main>
  );
}
