import type { Metadata } from "next";
import { z } from "zod";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { endpoints, type Endpoint } from "@/lib/http/openapi";

export const metadata: Metadata = { title: "API reference" };

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

function fields(schema: z.ZodType | undefined): { name: string; type: string; required: boolean; note: string }[] {
  if (!schema) return [];
  const js = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
  return Object.entries(js.properties ?? {}).map(([name, s]) => ({
    name,
    type: describeType(s),
    required: (js.required ?? []).includes(name),
    note: [
      s.description,
      s.maxLength ? `≤ ${s.maxLength} chars` : null,
      s.default !== undefined ? `default ${JSON.stringify(s.default)}` : null,
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

/** A readable API reference rendered from the same registry as /api/openapi.json. */
export default function ApiDocsPage() {
  const tags = [...new Set(endpoints.map((e) => e.tag))];
  return (
    <main className="mx-auto max-w-4xl px-4 py-8">
      <h1 className="text-2xl font-semibold">ServiceHub API</h1>
      <p className="mt-2 text-sm text-slate-600">
        Authenticate with <code className="rounded bg-slate-100 px-1">Authorization: Bearer shk_…</code> (create a token
        at{" "}
        <a className="text-brand-600 underline" href="/admin/tokens">
          /admin/tokens
        </a>
        ) or a signed-in session. Errors are always{" "}
        <code className="rounded bg-slate-100 px-1">{`{ "error": { "code", "message", "details"? } }`}</code>. State
        changes take the <code className="rounded bg-slate-100 px-1">version</code> you saw and answer 409 when it is
        stale. Machine-readable:{" "}
        <a className="text-brand-600 underline" href="/api/openapi.json">
          /api/openapi.json
        </a>{" "}
        (OpenAPI 3.1).
      </p>
      {tags.map((tag) => (
        <section key={tag} className="mt-8">
          <h2 className="mb-3 text-lg font-semibold">{tag}</h2>
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
                      {e.access === "public" ? "public" : `needs ${e.access}`}
                    </span>
                  </div>
                  <p className="mt-2 text-sm text-slate-700">{e.summary}</p>
                  <FieldTable title="Path" rows={fields(e.params)} />
                  <FieldTable title="Query" rows={fields(e.query)} />
                  <FieldTable
                    title={e.multipart ? "Body (JSON, or multipart form fields)" : "Body (JSON)"}
                    rows={fields(e.body)}
                  />
                  {e.multipart && (
                    <p className="mt-2 text-xs text-slate-500">
                      Multipart file field <code>{e.multipart.field}</code>: {e.multipart.description}
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
    </main>
  );
}
