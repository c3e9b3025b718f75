"use client";

import { useTranslations } from "next-intl";
import { useActionState, useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { Alert, Field } from "@/components/ui/field";
import { signInAction, type SignInState } from "./actions";

export function LoginForm({ callbackUrl, throttledOnArrival }: { callbackUrl: string; throttledOnArrival: boolean }) {
  const t = useTranslations("auth");
  const [state, action, pending] = useActionState<SignInState, FormData>(signInAction, {});
  const secondsLeft = useCountdown(state.error === "throttled" ? state : null);
  const waiting = secondsLeft > 0;
  const wait = (s: number) => (s > 90 ? t("waitMinutes", { n: Math.ceil(s / 60) }) : t("waitSeconds", { n: s }));

  return (
    <form action={action} className="space-y-4" noValidate={false}>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      {state.error === "invalid" && <Alert>{t("invalid")}</Alert>}
      {state.error === "throttled" &&
        (waiting ? (
          <Alert tone="warning">{t("throttled", { wait: wait(secondsLeft) })}</Alert>
        ) : (
          <Alert tone="info">{t("throttledOver")}</Alert>
        ))}
      {!state.error && throttledOnArrival && <Alert tone="warning">{t("throttledNoTime")}</Alert>}
      <Field label={t("email")} required>
        {(p) => <input {...p} name="email" type="email" autoComplete="username" required defaultValue={state.email} />}
      </Field>
      <Field label={t("password")} required>
        {(p) => <input {...p} name="password" type="password" autoComplete="current-password" required />}
      </Field>
      <Button type="submit" size="lg" className="w-full" busy={pending} disabled={waiting}>
        {pending ? t("submitting") : waiting ? t("submitWaiting", { wait: wait(secondsLeft) }) : t("submit")}
      </Button>
    </form>
  );
}

/** Seconds until a throttled sign-in may be retried, counting down once a second (0 when it may). */
function useCountdown(throttled: SignInState | null): number {
  // Each refused answer is a new object: the count restarts from its own retryAfterSeconds.
  const [elapsed, setElapsed] = useState<{ of: SignInState | null; seconds: number }>({ of: null, seconds: 0 });
  if (elapsed.of !== throttled) setElapsed({ of: throttled, seconds: 0 });
  const left = throttled ? Math.max(0, (throttled.retryAfterSeconds ?? 0) - elapsed.seconds) : 0;
  useEffect(() => {
    if (left <= 0) return;
    const timer = setTimeout(() => setElapsed((e) => ({ ...e, seconds: e.seconds + 1 })), 1000);
    return () => clearTimeout(timer);
  }, [left]);
  return left;
}
