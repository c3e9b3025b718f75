"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { revokeTokenAction } from "@/app/admin/tokens/actions";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Dialog } from "@/components/ui/dialog";
import type { TokenRow } from "./types";

const statusTone: Record<TokenRow["status"], BadgeTone> = { active: "green", expired: "amber", revoked: "gray" };

export function TokenList({ tokens }: { tokens: TokenRow[] }) {
  const t = useTranslations("tokens");
  const common = useTranslations("common");
  const format = useFormatter();
  const [target, setTarget] = useState<TokenRow | null>(null);
  const [pending, startTransition] = useTransition();
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [dialogError, setDialogError] = useState<string | null>(null);

  const when = (iso: string | null, empty: string) =>
    iso ? format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short" }) : empty;

  const close = () => {
    if (pending) return;
    setTarget(null);
    setDialogError(null);
  };

  const revoke = (token: TokenRow) =>
    startTransition(async () => {
      try {
        const r = await revokeTokenAction(token.id);
        if (r.ok) {
          setResult({ ok: true, text: t("revoke.done", { name: token.name }) });
          setTarget(null);
          setDialogError(null);
        } else {
          setDialogError(r.error.code === "not_found" ? t("revoke.gone") : t("errors.generic"));
        }
      } catch {
        setDialogError(t("errors.offline"));
      }
    });

  return (
    <>
      <div aria-live="polite" role="status">
        {result && (
          <p
            className={cn(
              "mb-3 rounded-lg px-4 py-3 text-sm ring-1 ring-inset",
              result.ok ? "bg-emerald-50 text-emerald-800 ring-emerald-200" : "bg-red-50 text-red-800 ring-red-200",
            )}
          >
            {result.text}
          </p>
        )}
      </div>
      <ul className="divide-y divide-slate-100">
        {tokens.map((token) => (
          <li key={token.id} className={cn("px-4 py-4 sm:px-5", token.status !== "active" && "bg-slate-50/60")}>
            <div className="flex items-start justify-between gap-3">
              <div className="min-w-0">
                <p
                  className={cn(
                    "break-words font-medium",
                    token.status === "active" ? "text-slate-900" : "text-slate-500",
                  )}
                >
                  {token.name}
                </p>
                <p className="mt-0.5 font-mono text-xs text-slate-500">
                  <span className="sr-only">{t("list.prefix")} </span>
                  {token.prefix}…
                </p>
              </div>
              <Badge tone={statusTone[token.status]}>{t(`status.${token.status}`)}</Badge>
            </div>
            <dl className="mt-3 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-3">
              <Meta label={t("list.created")} value={when(token.created_at, "")} />
              <Meta label={t("list.lastUsed")} value={when(token.last_used_at, t("list.never"))} />
              {token.status === "revoked" ? (
                <Meta label={t("list.revoked")} value={when(token.revoked_at, "")} />
              ) : (
                <Meta label={t("list.expires")} value={when(token.expires_at, "")} />
              )}
            </dl>
            {token.status === "active" && (
              <Button
                variant="secondary"
                className="mt-3 h-11 text-red-700 ring-red-200 hover:bg-red-50"
                onClick={() => {
                  setResult(null);
                  setTarget(token);
                }}
                aria-label={t("revoke.buttonFor", { name: token.name })}
              >
                {t("revoke.button")}
              </Button>
            )}
          </li>
        ))}
      </ul>
      <Dialog open={target !== null} onClose={close} title={t("revoke.title")}>
        {target && (
          <div className="space-y-4">
            <p className="text-sm text-slate-700">{t("revoke.body", { name: target.name })}</p>
            <p className="rounded-lg bg-slate-50 px-3 py-2 font-mono text-xs text-slate-600">{target.prefix}…</p>
            {dialogError && (
              <p
                role="alert"
                className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-inset ring-red-200"
              >
                {dialogError}
              </p>
            )}
            <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
              <Button variant="secondary" size="lg" onClick={close} disabled={pending} autoFocus>
                {common("cancel")}
              </Button>
              <Button variant="danger" size="lg" onClick={() => revoke(target)} busy={pending}>
                {t("revoke.confirm")}
              </Button>
            </div>
          </div>
        )}
      </Dialog>
    </>
  );
}

function Meta({ label, value }: { label: string; value: string }) {
  return (
    <div className="flex gap-2 sm:block">
      <dt className="w-20 shrink-0 text-slate-500 sm:w-auto sm:text-xs">{label}</dt>
      <dd className="text-slate-800">{value}</dd>
    </div>
  );
}
