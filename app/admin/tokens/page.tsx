import type { Metadata } from "next";
import { headers } from "next/headers";
import { getTranslations } from "next-intl/server";
import { CreateTokenForm } from "@/components/tokens/create-token-form";
import { TokenList } from "@/components/tokens/token-list";
import type { TokenRow } from "@/components/tokens/types";
import { Card, CardHeader } from "@/components/ui/card";
import { listApiTokens } from "@/lib/auth/api-tokens";
import { requirePageActor } from "@/lib/auth/current-actor";
import { getEnv } from "@/lib/env";
import { publicBaseUrl } from "@/lib/http/base-url";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("tokens");
  return { title: t("title") };
}

const statusOf = (row: { revokedAt: Date | null; expiresAt: Date }, now: number): TokenRow["status"] =>
  row.revokedAt ? "revoked" : row.expiresAt.getTime() <= now ? "expired" : "active";

/** Usable tokens first; revoked and expired ones stay listed for the record. */
function toTokenRows(rows: Awaited<ReturnType<typeof listApiTokens>>): TokenRow[] {
  const now = Date.now();
  return rows
    .map((r) => ({
      id: r.id,
      name: r.name,
      prefix: r.prefix,
      created_at: r.createdAt.toISOString(),
      last_used_at: r.lastUsedAt?.toISOString() ?? null,
      expires_at: r.expiresAt.toISOString(),
      revoked_at: r.revokedAt?.toISOString() ?? null,
      status: statusOf(r, now),
    }))
    .sort((a, b) => Number(b.status === "active") - Number(a.status === "active"));
}

/** The signed-in user's API tokens: create (secret shown once), list, revoke. */
export default async function TokensPage() {
  const actor = await requirePageActor("/admin/tokens", "tokens.manage");
  const [rows, t, requestHeaders] = await Promise.all([
    listApiTokens(actor.userId),
    getTranslations("tokens"),
    headers(),
  ]);
  const origin = publicBaseUrl(requestHeaders);
  const tokens = toTokenRows(rows);
  const activeCount = tokens.filter((x) => x.status === "active").length;
  const cli = `npm run cli -- tokens create --email ${actor.email} --name <label>`;

  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <header>
        <h1 className="text-xl font-semibold text-slate-900">{t("title")}</h1>
        <p className="mt-1 text-sm text-slate-600">{t("intro")}</p>
      </header>

      <CreateTokenForm origin={origin} maxDays={getEnv().API_TOKEN_MAX_DAYS} />

      <Card>
        <CardHeader
          title={t("list.title")}
          description={tokens.length ? t("list.count", { active: activeCount, total: tokens.length }) : undefined}
        />
        {tokens.length ? (
          <TokenList tokens={tokens} />
        ) : (
          <div className="px-4 py-8 text-center sm:px-5">
            <svg
              viewBox="0 0 48 48"
              className="mx-auto size-12 text-slate-300"
              fill="none"
              stroke="currentColor"
              strokeWidth="2"
              aria-hidden="true"
            >
              <circle cx="17" cy="24" r="8" />
              <path d="M25 24h17M36 24v6M41 24v4" strokeLinecap="round" />
            </svg>
            <p className="mt-3 font-medium text-slate-800">{t("empty.title")}</p>
            <p className="mx-auto mt-1 max-w-md text-sm text-slate-600">{t("empty.body")}</p>
            <ul className="mx-auto mt-3 max-w-md list-disc space-y-1 pl-5 text-left text-sm text-slate-600">
              <li>{t("empty.scripts")}</li>
              <li>{t("empty.integrations")}</li>
              <li>{t("empty.permissions")}</li>
            </ul>
          </div>
        )}
      </Card>

      <Card>
        <CardHeader title={t("help.title")} />
        <div className="space-y-4 p-4 text-sm text-slate-700 sm:p-5">
          <div>
            <p>{t("help.header")}</p>
            <pre className="mt-2 whitespace-pre-wrap wrap-anywhere rounded-lg bg-slate-900 p-3 text-xs leading-relaxed text-slate-100">
              <code>{`curl -H "Authorization: Bearer <token>" ${origin}/api/tickets`}</code>
            </pre>
          </div>
          <p>{t("help.permissions")}</p>
          <div>
            <p>{t("help.cli")}</p>
            <pre className="mt-2 whitespace-pre-wrap wrap-anywhere rounded-lg bg-slate-100 p-3 text-xs leading-relaxed text-slate-800 ring-1 ring-inset ring-slate-200">
              <code>{cli}</code>
            </pre>
          </div>
        </div>
      </Card>
    </div>
  );
}
