"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useActionState, useEffect, useRef, useState } from "react";
import { createTokenAction } from "@/app/admin/tokens/actions";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Alert, Field } from "@/components/ui/field";
import { CopyButton } from "@/components/ui/copy-button";
import type { CreatedToken, CreateTokenState } from "./types";

/** `maxDays`: API_TOKEN_MAX_DAYS, the longest lifetime the server accepts (and gives when left empty). */
export function CreateTokenForm({ origin, maxDays }: { origin: string; maxDays: number }) {
  const t = useTranslations("tokens");
  // A client wrapper, so the previous state (which may hold the last secret) is not posted back.
  const [state, action, pending] = useActionState<CreateTokenState, FormData>(async (_prev, form) => {
    try {
      return await createTokenAction(form);
    } catch {
      // No connection (or the server went away): keep what was typed and say so.
      return {
        ok: false,
        error: { code: "network", message: "Network error" },
        values: {
          name: String(form.get("name") ?? ""),
          expires_in_days: String(form.get("expires_in_days") ?? ""),
        },
      };
    }
  }, {});
  const [dismissedId, setDismissedId] = useState<string | null>(null);
  const created = state.created && state.created.id !== dismissedId ? state.created : null;

  const nameError = state.fieldErrors?.name
    ? (state.values?.name.trim() ?? "") === ""
      ? t("form.nameRequired")
      : t("form.nameTooLong")
    : undefined;
  const expiryError = state.fieldErrors?.expires_in_days ? t("form.expiryInvalid", { max: maxDays }) : undefined;
  const otherError =
    state.ok === false && !nameError && !expiryError
      ? state.error?.code === "unauthorized"
        ? t("errors.signedOut")
        : state.error?.code === "forbidden"
          ? t("errors.forbidden")
          : state.error?.code === "network"
            ? t("errors.offline")
            : t("errors.generic")
      : undefined;

  return (
    <div className="space-y-4">
      {created && <NewTokenBox token={created} origin={origin} onDone={() => setDismissedId(created.id)} />}
      <Card>
        <CardHeader title={t("form.title")} description={t("form.description")} />
        <form action={action} className="space-y-4 p-4 sm:p-5" noValidate>
          {otherError && <Alert>{otherError}</Alert>}
          <div className="grid gap-4 sm:grid-cols-[1fr_12rem]">
            <Field label={t("form.name")} required error={nameError} hint={t("form.nameHint")}>
              {(p) => (
                <input
                  {...p}
                  name="name"
                  required
                  maxLength={100}
                  autoComplete="off"
                  placeholder={t("form.namePlaceholder")}
                  defaultValue={state.values?.name}
                />
              )}
            </Field>
            <Field label={t("form.expiry")} error={expiryError} hint={t("form.expiryHint", { max: maxDays })}>
              {(p) => (
                <input
                  {...p}
                  name="expires_in_days"
                  type="number"
                  inputMode="numeric"
                  min={1}
                  max={maxDays}
                  step={1}
                  placeholder={t("form.expiryPlaceholder")}
                  defaultValue={state.values?.expires_in_days}
                />
              )}
            </Field>
          </div>
          <Button type="submit" size="lg" busy={pending} className="w-full sm:w-auto">
            {pending ? t("form.creating") : t("form.submit")}
          </Button>
        </form>
      </Card>
    </div>
  );
}

function NewTokenBox({ token, origin, onDone }: { token: CreatedToken; origin: string; onDone: () => void }) {
  const t = useTranslations("tokens");
  const format = useFormatter();
  const heading = useRef<HTMLHeadingElement>(null);
  // Move focus to the new secret so keyboard and screen-reader users land on it (and hear the warning).
  useEffect(() => heading.current?.focus(), [token.id]);
  const curl = `curl -H "Authorization: Bearer ${token.token}" ${origin}/api/tickets`;
  return (
    <section
      aria-labelledby="new-token-title"
      className="space-y-4 rounded-xl bg-emerald-50 p-4 ring-2 ring-emerald-400 sm:p-5"
    >
      <div>
        <h2
          id="new-token-title"
          ref={heading}
          tabIndex={-1}
          className="text-base font-semibold text-emerald-900 outline-none"
        >
          {t("created.title", { name: token.name })}
        </h2>
        <p className="mt-1 text-sm text-emerald-900">
          {t("created.expires", { date: format.dateTime(new Date(token.expires_at), { dateStyle: "medium" }) })}
        </p>
      </div>
      <p className="flex gap-2 rounded-lg bg-amber-100 px-3 py-2 text-sm font-medium text-amber-950 ring-1 ring-inset ring-amber-300">
        <span aria-hidden="true">⚠</span>
        {t("created.warning")}
      </p>
      <div className="space-y-2">
        <p id="new-token-label" className="text-sm font-medium text-emerald-950">
          {t("created.tokenLabel")}
        </p>
        <p
          id="new-token-value"
          aria-labelledby="new-token-label"
          className="select-all break-all rounded-lg bg-white px-3 py-3 font-mono text-sm text-slate-900 ring-1 ring-inset ring-emerald-300"
        >
          {token.token}
        </p>
        <div className="flex flex-wrap items-center gap-2">
          <CopyButton
            text={token.token}
            label={t("copyToken")}
            copiedLabel={t("copied")}
            failedLabel={t("copyFailed")}
            variant="secondary"
            className="h-11"
          />
        </div>
      </div>
      <div className="space-y-2">
        <p className="text-sm font-medium text-emerald-950">{t("created.tryIt")}</p>
        <pre className="whitespace-pre-wrap wrap-anywhere rounded-lg bg-slate-900 p-3 text-xs leading-relaxed text-slate-100">
          <code>{curl}</code>
        </pre>
        <CopyButton
          text={curl}
          label={t("copyCommand")}
          copiedLabel={t("copied")}
          failedLabel={t("copyFailed")}
          variant="secondary"
          className="h-11"
        />
      </div>
      <Button type="button" size="lg" className="w-full sm:w-auto" onClick={onDone}>
        {t("created.done")}
      </Button>
    </section>
  );
}
