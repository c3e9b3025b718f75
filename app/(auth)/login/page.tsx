import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { LocaleSwitcher } from "@/components/layout/locale-switcher";
import { Card } from "@/components/ui/card";
import { getSessionActor } from "@/lib/auth/current-actor";
import { requestOrigin } from "@/lib/http/base-url";
import { sameOriginPath } from "@/lib/http/safe-redirect";
import { LoginForm } from "./login-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auth"))("title") };
}

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string | string[]; code?: string | string[] }>;
}) {
  const { callbackUrl, code } = await searchParams;
  // Parsed against our origin and compared by origin: `/\evil.example` and friends fall back to /admin.
  const target = sameOriginPath(callbackUrl, requestOrigin(await headers()));
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
          {/* Auth.js's own endpoint sends refused sign-ins back here with `code=throttled`. */}
          <LoginForm callbackUrl={target} throttledOnArrival={code === "throttled"} />
        </Card>
      </div>
    </main>
  );
}
