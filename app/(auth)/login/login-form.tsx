"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Alert, Field } from "@/components/ui/field";
import { signInAction, type SignInState } from "./actions";

export function LoginForm({ callbackUrl }: { callbackUrl: string }) {
  const t = useTranslations("auth");
  const [state, action, pending] = useActionState<SignInState, FormData>(signInAction, {});
  return (
    <form action={action} className="space-y-4" noValidate={false}>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      {state.error && <Alert>{t("invalid")}</Alert>}
      <Field label={t("email")} required>
        {(p) => <input {...p} name="email" type="email" autoComplete="username" required defaultValue={state.email} />}
      </Field>
      <Field label={t("password")} required>
        {(p) => <input {...p} name="password" type="password" autoComplete="current-password" required />}
      </Field>
      <Button type="submit" size="lg" className="w-full" busy={pending}>
        {pending ? t("submitting") : t("submit")}
      </Button>
    </form>
  );
}
