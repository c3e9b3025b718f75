import { z } from "zod";
import { applianceTypes, ticketSorts, ticketStatuses, timeSlots } from "./enums";
import { hasSearchableCharacter } from "./search/keyword";
import { normalizeMainlandMobile } from "./phone";
import { isValidIsoDate } from "./slots";

/** API and form schemas for tickets (snake_case, as the API speaks). Shared by handlers, actions and forms. */

const text = (max: number, what: string) =>
  z
    .string({ error: `${what} is required` })
    .trim()
    .min(1, `${what} is required`)
    .max(max, `${what} must be at most ${max} characters`);

export const isoDate = z.string().refine(isValidIsoDate, "Use a date in YYYY-MM-DD form");

export const bookingInput = z.object({
  customer_name: text(50, "Name"),
  phone: z
    .string({ error: "Phone is required" })
    .trim()
    .max(20, "Phone is too long")
    .refine(
      (v) => normalizeMainlandMobile(v) !== null,
      "Enter a mainland China mobile number (11 digits starting with 1)",
    ),
  city: text(50, "City"),
  district: text(50, "District"),
  address: text(200, "Address"),
  appliance_type: z.enum(applianceTypes, { error: "Choose an appliance type" }),
  appliance_model: z.string().trim().max(50, "Model must be at most 50 characters").optional(),
  issue_desc: text(1000, "Fault description"),
  appointment_date: isoDate,
  appointment_slot: z.enum(timeSlots, { error: `Choose one of the time slots ${timeSlots.join(", ")}` }),
  /** The same key sent twice creates one ticket (a double tap, a retried request). */
  idempotency_key: z
    .string()
    .trim()
    .min(8)
    .max(100)
    .regex(/^[\w-]+$/, "Use letters, digits, - and _")
    .optional(),
});
export type BookingInput = z.output<typeof bookingInput>;

export const slotsQuery = z.object({
  city: text(50, "City"),
  district: text(50, "District"),
  date: isoDate,
});

/** GET /api/public/availability: the district decides the center; the window is always today + 30 days. */
export const availabilityQuery = slotsQuery.pick({ city: true, district: true });

const pageSize = z.coerce.number().int().min(1).max(100).default(20);

export const listTicketsQuery = z
  .object({
    status: z
      .string()
      .optional()
      .transform((v, ctx) => {
        if (!v) return undefined;
        const parts = v
          .split(",")
          .map((s) => s.trim().toUpperCase())
          .filter(Boolean);
        const bad = parts.filter((p) => !(ticketStatuses as readonly string[]).includes(p));
        if (bad.length) {
          ctx.addIssue({
            code: "custom",
            message: `Unknown status ${bad.join(", ")}; use ${ticketStatuses.join(", ")}`,
          });
          return z.NEVER;
        }
        return parts as (typeof ticketStatuses)[number][];
      }),
    technician_id: z.union([z.uuid(), z.literal("unassigned")]).optional(),
    center_id: z.uuid().optional(),
    date_from: isoDate.optional(),
    date_to: isoDate.optional(),
    q: z
      .string()
      .trim()
      .max(100, "Keyword must be at most 100 characters")
      .optional()
      .transform((v) => v || undefined)
      .refine((v) => v === undefined || hasSearchableCharacter(v), {
        message: "Keyword needs at least one letter or digit: punctuation and spaces alone are not searched",
      })
      .describe(
        "Keyword: a ticket code or its beginning (TK + digits…) matches codes by prefix; any other keyword, from one character up, matches anywhere in the code, customer name, last 4 phone digits or address. It needs at least one letter or digit",
      ),
    sort: z.enum(ticketSorts).default("-created_at"),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    page_size: pageSize,
  })
  .refine((v) => !v.date_from || !v.date_to || v.date_from <= v.date_to, {
    message: "date_from must not be after date_to",
    path: ["date_to"],
  });
export type ListTicketsQuery = z.output<typeof listTicketsQuery>;

export const ticketIdParams = z.object({ id: z.uuid({ error: "Ticket id must be a UUID" }) });

/** POST /api/tickets/{id}/notes: an internal note (staff only; never on the customer's tracking page). */
export const addNoteBody = z.strictObject({
  body: z
    .string({ error: "body is required" })
    .trim()
    .min(1, "A note cannot be empty")
    .max(2000, "A note has at most 2000 characters"),
});
export const imageIdParams = z.object({ id: z.uuid({ error: "Image id must be a UUID" }) });

/** A photo on the customer's tracking page: the link's token is the credential, the id names the photo. */
export const trackImageParams = z.object({
  token: z.string().max(1000),
  imageId: z.uuid({ error: "Image id must be a UUID" }),
});

const version = z.number({ error: "version is required: send the version you saw" }).int().min(1);

export const versionBody = z.object({ version });
export const assignBody = z
  .object({ version, technician_id: z.uuid().optional(), auto: z.boolean().optional() })
  .refine((v) => (v.technician_id ? !v.auto : v.auto === true), {
    message: "Send either technician_id or auto: true",
    path: ["technician_id"],
  });
export const cancelBody = z.object({ version, reason: text(500, "Reason") });
export const customerCancelBody = z.object({ reason: text(500, "Reason") });

export type AssignBody = z.output<typeof assignBody>;

/** GET /api/technicians; with `ticket_id`, each technician also says if they cover it and any same-slot job. */
export const listTechniciansQuery = z.object({
  center_id: z.uuid().optional(),
  active: z.enum(["true", "false"]).optional(),
  ticket_id: z.uuid().optional().describe("Judge skills and same-slot jobs against this ticket"),
});
