import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { isLocale, defaultLocale } from "@/lib/i18n/config";
import { endpoints, type Endpoint } from "@/lib/http/openapi";
import { localizedSummary, localizedTag } from "@/lib/http/openapi-summaries";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("tokens.docs"))("metaTitle") };
}

type Translate = Awaited<ReturnType<typeof getTranslations<"tokens.docs">>>;

const methodTone: Record<Endpoint["method"], BadgeTone> = { get: "blue", post: "green", put: "amber", delete: "red" };

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: unknown[];
  format?: string;
  maxLength?: number;
  anyOf?: JsonSchema[];
  default?: unknown;
  description?: string;
}

function fields(
  schema: z.ZodType | undefined,
  t: Translate,
): { name: string; type: string; required: boolean; note: string }[] {
  if (!schema) return [];
  const js = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
  return Object.entries(js.properties ?? {}).map(([name, s]) => ({
    name,
    type: describeType(s),
    required: (js.required ?? []).includes(name),
    note: [
      s.description,
      s.maxLength ? t("maxLength", { max: s.maxLength }) : null,
      s.default !== undefined ? t("default", { value: JSON.stringify(s.default) }) : null,
    ]
      .filter(Boolean)
      .join("; "),
  }));
}

function describeType(s: JsonSchema): string {
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(" | ");
  if (s.anyOf) return s.anyOf.map(describeType).join(" | ");
  const base = Array.isArray(s.type) ? s.type.join(" | ") : (s.type ?? "any");
  return s.format ? `${base} (${s.format})` : base;
}

function FieldTable({ title, rows }: { title: string; rows: ReturnType<typeof fields> }) {
  if (!rows.length) return null;
  return (
    <div className="mt-3">
      <h4 className="text-xs font-semibold uppercase tracking-wide text-slate-500">{title}</h4>
      <div className="mt-1 overflow-x-auto">
        <table className="w-full text-left text-sm">
          <tbody className="divide-y divide-slate-100">
            {rows.map((r) => (
              <tr key={r.name}>
                <td className="py-1 pr-3 font-mono text-slate-900">
                  {r.name}
                  {r.required && <span className="text-red-600">*</span>}
                </td>
                <td className="py-1 pr-3 font-mono text-xs text-slate-600">{r.type}</td>
                <td className="py-1 text-xs text-slate-500">{r.note}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

const code = (chunks: React.ReactNode) => (
  <code className="rounded bg-slate-100 px-1 break-words">{chunks}</code>
);

/**
 * A readable API reference rendered from the same registry as /api/openapi.json, inside the app's
 * shell (layout.tsx) and in the UI's language; the JSON document stays English.
 */
export default async function ApiDocsPage() {
  const [t, requested] = await Promise.all([getTranslations("tokens.docs"), getLocale()]);
  const locale = isLocale(requested) ? requested : defaultLocale;
  const tags = [...new Set(endpoints.map((e) => e.tag))];
  return (
    <div className="mx-auto max-w-4xl">
      <Link href="/admin" className="inline-flex items-center gap-1 text-sm text-slate-600 hover:text-slate-900">
        <span aria-hidden="true">←</span> {t("back")}
      </Link>
      <h1 className="mt-3 text-2xl font-semibold">{t("title")}</h1>
      <div className="mt-2 space-y-1 text-sm text-slate-600">
        <p>
          {t.rich("auth", {
            code,
            tokens: (chunks) => (
              <Link className="text-brand-600 underline" href="/admin/tokens">
                {chunks}
              </Link>
            ),
          })}
        </p>
        <p>{t.rich("errors", { code })}</p>
        <p>
          {t.rich("machine", {
            link: (chunks) => (
              <a className="text-brand-600 underline" href="/api/openapi.json">
                {chunks}
              </a>
            ),
          })}
        </p>
      </div>
      {tags.map((tag) => (
        <section key={tag} className="mt-8">
          <h2 className="mb-3 text-lg font-semibold">{localizedTag(tag, locale)}</h2>
          <div className="space-y-3">
            {endpoints
              .filter((e) => e.tag === tag)
              .map((e) => (
                <Card key={`${e.method} ${e.path}`} className="p-4">
                  <div className="flex flex-wrap items-center gap-2">
                    <Badge tone={methodTone[e.method]} className="font-mono uppercase">
                      {e.method}
                    </Badge>
                    <code className="font-mono text-sm font-medium">{e.path}</code>
                    <span className="ml-auto text-xs text-slate-500">
                      {e.access === "public" ? t("public") : t("needs", { permission: e.access })}
                    </span>
                  </div>
                  <p className="mt-2 text-sm text-slate-700">{localizedSummary(e, locale)}</p>
                  <FieldTable title={t("path")} rows={fields(e.params, t)} />
                  <FieldTable title={t("query")} rows={fields(e.query, t)} />
                  <FieldTable title={e.multipart ? t("bodyMultipart") : t("body")} rows={fields(e.body, t)} />
                  {e.multipart && (
                    <p className="mt-2 text-xs text-slate-500">
                      {t.rich("multipartFile", {
                        code: (chunks) => <code>{chunks}</code>,
                        field: e.multipart.field,
                        description: e.multipart.description,
                      })}
                    </p>
                  )}
                  <ul className="mt-3 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-500">
                    {Object.entries(e.responses).map(([code, d]) => (
                      <li key={code}>
                        <span className="font-mono font-medium text-slate-700">{code}</span> {d}
                      </li>
                    ))}
                  </ul>
                </Card>
              ))}
          </div>
        </section>
      ))}
    </div>
  );
}
