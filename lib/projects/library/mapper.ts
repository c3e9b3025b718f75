import "server-only";
import { z } from "zod";
import type { MapResult } from "@/lib/sync/types";
import {
  projectRoles,
  projectStatuses,
  projectTypes,
  type MappedProject,
  type ProjectPerson,
  type ProjectRole,
  type ProjectType,
  type ProjectTypeFields,
} from "../types";

/**
 * Projects of the remote project library (docs/project-library.md) in our shape. Only the fields we
 * use are checked, and of the type-specific ones only the project's own type: a stray `fault` on a
 * sales project is none of our business and must not cost us the project.
 */

export const PROJECT_LIMITS = {
  id: 64,
  title: 500,
  customerName: 200,
  personName: 200,
  fault: 2000,
  email: 254,
  /** E.164 allows 15 digits; room for extensions and national prefixes, not for garbage. */
  phone: 32,
  /** More than this on one project is a remote bug; the rest are dropped rather than stored. */
  people: 100,
} as const;

/**
 * Ids go into URL paths (`/projects/{id}`): letters, digits, `_`, `.` and `-`, starting with a letter or
 * digit, so that no id can be `.` or `..` and walk out of the path.
 */
export const PROJECT_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/** Messages that read as "<field> is missing" / "<field> is not text" once the path is put in front. */
const expected = (what: string) => ({
  error: (issue: { input?: unknown }) => (issue.input === undefined ? "is missing" : `is not ${what}`),
});

/** Postgres text refuses NUL: one such byte would fail the whole page's transaction. */
const clean = (s: string) => s.replace(/\u0000/g, "").trim();

/** At most `max` characters, never splitting a surrogate pair (an emoji in a title). */
function bounded(s: string, max: number): string {
  if (s.length <= max) return s;
  const cut = s.slice(0, max);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}

const text = (max: number) => z.string(expected("text")).transform((s) => bounded(clean(s), max));
/** Optional text: absent, null and blank all become null. */
const optionalText = (max: number) =>
  text(max)
    .nullish()
    .transform((s) => (s ? s : null));

const instant = z.iso.datetime({
  offset: true,
  error: (issue) => (issue.input === undefined ? "is missing" : "is not a date and time (ISO 8601 with a time zone)"),
});
const optionalInstant = instant.nullish().transform((s) => s ?? null);
const optionalDate = z.iso
  .date({ error: "is not a date (YYYY-MM-DD)" })
  .nullish()
  .transform((s) => s ?? null);

const anyId = z
  .union([z.string(), z.number().int().nonnegative()], expected("text"))
  .transform((v) => clean(String(v)))
  .refine((s) => s !== "", { error: "is empty", abort: true });

const idSchema = anyId.refine((s) => PROJECT_ID_PATTERN.test(s), {
  error: `is not a valid id (letters, digits, "_", "." or "-", starting with a letter or digit, at most ${PROJECT_LIMITS.id} characters)`,
});

/** A person's id never goes into a URL: any text will do, but cut short it could name someone else. */
const personIdSchema = anyId.refine((s) => s.length <= PROJECT_LIMITS.id, {
  error: `is longer than ${PROJECT_LIMITS.id} characters`,
});

/**
 * A phone as digits, with the leading `+` of an international number kept: "+86 138-0013-8000" →
 * "+8613800138000". Nothing usable, or more digits than any phone has, gives null rather than failing
 * the project over a contact detail.
 */
export function normalizePhone(value: unknown): string | null {
  if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) value = String(value);
  if (typeof value !== "string") return null;
  const trimmed = value.trim();
  const digits = trimmed.replace(/\D/g, "");
  if (digits === "" || digits.length > PROJECT_LIMITS.phone) return null;
  return trimmed.startsWith("+") ? `+${digits}` : digits;
}

/** An e-mail address in lower case, or null when it is absent or not an address. */
export function normalizeEmail(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const email = clean(value).toLowerCase();
  if (email === "" || email.length > PROJECT_LIMITS.email) return null;
  return z.email().safeParse(email).success ? email : null;
}

const personSchema = z.object(
  {
    // Checked apart: a role the library adds later skips that person instead of failing the project.
    role: z.string(expected("text")),
    id: personIdSchema,
    name: text(PROJECT_LIMITS.personName).refine((s) => s !== "", { error: "is empty" }),
    phone: z.unknown().optional().transform(normalizePhone),
    email: z.unknown().optional().transform(normalizeEmail),
  },
  expected("an object"),
);

const projectSchema = z.object({
  id: idSchema,
  type: z.enum(projectTypes, {
    error: (issue) =>
      issue.input === undefined
        ? "is missing"
        : `is not a project type (${JSON.stringify(issue.input).slice(0, 40)}; expected ${projectTypes.join(", ")})`,
  }),
  title: optionalText(PROJECT_LIMITS.title),
  status: z.enum(projectStatuses, {
    error: (issue) =>
      issue.input === undefined
        ? "is missing"
        : `is not a project status (${JSON.stringify(issue.input).slice(0, 40)})`,
  }),
  customer_name: optionalText(PROJECT_LIMITS.customerName),
  phone: z.unknown().optional().transform(normalizePhone),
  updated_at: instant,
  people: z.array(personSchema, expected("a list")).nullish(),
});

const amount = z
  .number(expected("a number"))
  .nullish()
  .transform((n) => n ?? null);

/** Each type's own fields; absent ones become null, so every project of a type has the same keys. */
const typeFieldSchemas = {
  sales: z.object({ payment_time: optionalInstant, payment_amount: amount }),
  aftersales: z.object({ service_time: optionalInstant, fault: optionalText(PROJECT_LIMITS.fault) }),
  presale: z.object({ expected_close_date: optionalDate }),
} satisfies Record<ProjectType, z.ZodType<ProjectTypeFields>>;

/**
 * One project as the library sent it → our project, or why not. Never throws: a bad record is
 * reported and the run goes on with the next one.
 */
export function mapProject(raw: unknown): MapResult<MappedProject> {
  const externalId = idOf(raw);
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    return { ok: false, externalId, reason: "the project is not a JSON object" };
  }
  const parsed = projectSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, externalId, reason: describeIssues(parsed.error.issues) };
  const p = parsed.data;
  const fields = typeFieldSchemas[p.type].safeParse(raw);
  if (!fields.success) return { ok: false, externalId, reason: describeIssues(fields.error.issues) };

  const people: ProjectPerson[] = [];
  for (const person of p.people ?? []) {
    if (!(projectRoles as readonly string[]).includes(person.role)) continue;
    if (people.length === PROJECT_LIMITS.people) break;
    people.push({
      role: person.role as ProjectRole,
      id: person.id,
      name: person.name,
      phone: person.phone,
      email: person.email,
    });
  }

  return {
    ok: true,
    record: {
      id: p.id,
      type: p.type,
      title: p.title ?? "(no title)",
      status: p.status,
      customerName: p.customer_name ?? "",
      phone: p.phone,
      updatedAt: new Date(p.updated_at),
      fields: fields.data,
      people,
    },
  };
}

/** The id for the failure report, even when the record is otherwise unreadable. */
function idOf(raw: unknown): string {
  if (typeof raw === "object" && raw !== null && "id" in raw) {
    const id = (raw as { id: unknown }).id;
    if (typeof id === "number" && Number.isSafeInteger(id)) return String(id);
    if (typeof id === "string") {
      const trimmed = clean(id);
      if (trimmed !== "" && trimmed.length <= PROJECT_LIMITS.id) return trimmed;
    }
  }
  return "(unknown)";
}

/** "status is not a project status ("weird"); updated_at is missing": short enough for a run report. */
function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  const parts = issues.slice(0, 3).map((issue) => {
    const path = issue.path.map(String).join(".");
    return path ? `${path} ${issue.message}` : issue.message;
  });
  const more = issues.length > 3 ? ` (and ${issues.length - 3} more)` : "";
  return `${parts.join("; ")}${more}`;
}
