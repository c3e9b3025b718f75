import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { count } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import {
  auditLog,
  notifications,
  notificationTemplates,
  shortLinks,
  externalSystems,
  jobOutbox,
  projectAccessTokens,
  projects,
  projectStatusChanges,
  settings,
  syncRuns,
  ticketEvents,
  ticketImages,
  tickets,
  trackingLinks,
  workOrders,
  type TicketStatus,
} from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { encryptSecret } from "@/lib/crypto";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { cleanUploadedImage, type CleanImage } from "@/lib/files/images";
import { settleJobs } from "@/lib/jobs/outbox";
import { uploadReceipts } from "@/lib/tickets/images";
import type { BookingInput } from "@/lib/tickets/schemas";
import { timeSlots } from "@/lib/tickets/enums";
import { addDays } from "@/lib/tickets/slots";
import { createStaff, createWorld, jpegBytes, ticketIn, tomorrow } from "@/test/fixtures";
import type { ApiResult, Json } from "@/test/http/client";
import { describe, expect, it } from "vitest";

/** The staff of one test file: a center, an admin, an agent, an ops manager and two technicians with logins. */
export async function createApiWorld() {
  const world = await createWorld();
  const [agent, ops, otherTechUser] = await Promise.all([
    createStaff("agent"),
    createStaff("ops_manager"),
    createStaff("technician", { technicianCenterId: world.center.id }),
  ]);
  return { ...world, agent, ops, otherTechUser, otherTech: { id: otherTechUser.technicianId! } };
}
export type ApiWorld = Awaited<ReturnType<typeof createApiWorld>>;

let appointmentCounter = 0;
/**
 * A different (day, slot) for every ticket a file books, so no slot fills up however many tickets a
 * suite needs: 28 days × 4 slots, all from tomorrow on (a slot of today may already have begun).
 */
export function nextAppointment(): Pick<BookingInput, "appointment_date" | "appointment_slot"> {
  const n = appointmentCounter++;
  return {
    appointment_date: addDays(tomorrow(), Math.floor(n / timeSlots.length) % 28),
    appointment_slot: timeSlots[n % timeSlots.length]!,
  };
}

/** A new ticket walked to `status` (assigned to `tech` when the status has a technician). */
export function freshTicket(
  status: TicketStatus,
  world: ApiWorld,
  opts: { tech?: { id: string }; overrides?: Partial<BookingInput> } = {},
) {
  return ticketIn(status, { ...world, tech: opts.tech ?? world.tech }, { ...nextAppointment(), ...opts.overrides });
}

let receiptImage: Promise<CleanImage> | undefined;
/** Stores one receipt photo on the ticket through the real service (the completion gate needs one). */
export async function addReceipt(ticketId: string, actor: Actor) {
  receiptImage ??= jpegBytes({ color: "#228844" }).then((b) => cleanUploadedImage(b));
  return uploadReceipts(ticketId, [await receiptImage], actor);
}

/** A multipart body with `bytes` as the `file` part. */
export function fileForm(bytes: Uint8Array, name = "receipt.jpg", type = "image/jpeg", field = "file") {
  const form = new FormData();
  form.append(field, new File([new Uint8Array(bytes)], name, { type }));
  return form;
}

/** Every file under UPLOAD_ROOT (relative path → size). */
export function uploadedFiles(): Record<string, number> {
  const root = path.resolve(getEnv().UPLOAD_ROOT);
  const out: Record<string, number> = {};
  const walk = (dir: string) => {
    if (!fs.existsSync(dir)) return;
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else out[path.relative(root, full)] = fs.statSync(full).size;
    }
  };
  walk(root);
  return out;
}

/**
 * What a rejected request must leave as it was: row counts of every table a ticket request writes,
 * each ticket's status and version, and the files under UPLOAD_ROOT.
 */
export async function persistentState() {
  await settleJobs();
  const db = await getDb();
  const n = async (table: PgTable) => (await db.select({ n: count() }).from(table))[0]!.n;
  const ticketRows = await db
    .select({ id: tickets.id, status: tickets.status, version: tickets.version })
    .from(tickets)
    .orderBy(tickets.id);
  return {
    counts: {
      tickets: await n(tickets),
      ticket_events: await n(ticketEvents),
      ticket_images: await n(ticketImages),
      audit_log: await n(auditLog),
      job_outbox: await n(jobOutbox),
      tracking_links: await n(trackingLinks),
      external_systems: await n(externalSystems),
      work_orders: await n(workOrders),
      sync_runs: await n(syncRuns),
      projects: await n(projects),
      project_status_changes: await n(projectStatusChanges),
      project_access_tokens: await n(projectAccessTokens),
      settings: await n(settings),
      notifications: await n(notifications),
      notification_templates: await n(notificationTemplates),
      short_links: await n(shortLinks),
    },
    notifications: JSON.stringify(
      await db.select({ id: notifications.id, status: notifications.status, attempts: notifications.attempts }).from(notifications).orderBy(notifications.id),
    ),
    projects: Object.fromEntries(
      (await db.select({ id: projects.id, hash: projects.contentHash, status: projects.status }).from(projects)).map(
        (p) => [p.id, `${p.status}:${p.hash}`],
      ),
    ),
    links: (await db.select({ jti: projectAccessTokens.jti, revoked: projectAccessTokens.revokedAt }).from(projectAccessTokens))
      .map((l) => `${l.jti}:${l.revoked ? "revoked" : "live"}`)
      .sort(),
    settings: JSON.stringify(await db.select({ key: settings.key, value: settings.value }).from(settings).orderBy(settings.key)),
    systems: Object.fromEntries(
      (await db.select().from(externalSystems)).map((x) => [x.id, JSON.stringify({ ...x, lastSyncAt: null, lastSyncStatus: null })]),
    ),
    tickets: Object.fromEntries(ticketRows.map((t) => [t.id, `${t.status}@${t.version}`])),
    files: uploadedFiles(),
  };
}

/** A dead notification (what a retry acts on), written directly: no channel or sink is involved. */
export async function insertDeadNotification(): Promise<string> {
  const db = await getDb();
  const [row] = await db
    .insert(notifications)
    .values({
      dedupeKey: `test:${randomUUID()}`,
      event: "ticket.booked",
      channel: "sms",
      locale: "zh-CN",
      subjectType: "ticket",
      subjectRef: "TK-TEST",
      recipientRole: "customer",
      recipientMasked: "138****0000",
      valuesEncrypted: encryptSecret("{}"),
      status: "dead",
      lastError: "gateway down",
    })
    .returning({ id: notifications.id });
  return row!.id;
}

/** One bad request and the refusal it must get (DESIGN: a clear 4xx in the one error shape, nothing written). */
export interface BadInput {
  name: string;
  status: number;
  code: string;
  /** Paths that details.fields must name (validation errors). */
  fields?: string[];
  send: () => Promise<ApiResult>;
  also?: (body: Json) => void;
}

export const invalid = (name: string, fields: string[], send: () => Promise<ApiResult>, also?: BadInput["also"]): BadInput => ({
  name,
  status: 422,
  code: "invalid_input",
  fields,
  send,
  also,
});

/**
 * Runs each bad input over HTTP: the status and code expected, the one error shape, the offending fields
 * named, no 10 kB echo, and the database and upload folder exactly as before.
 */
export function describeBadInputs(title: string, badInputs: BadInput[]) {
  describe(title, () => {
    it("covers at least 30 distinct bad inputs", () => {
      expect(new Set(badInputs.map((b) => b.name)).size).toBe(badInputs.length);
      expect(badInputs.length).toBeGreaterThanOrEqual(30);
    });

    for (const bad of badInputs) {
      it(`${bad.name} → ${bad.status} ${bad.code}`, async () => {
        const before = await persistentState();
        const res = await bad.send();
        const detail = JSON.stringify(res.body).slice(0, 500);
        expect(res.status, detail).toBe(bad.status);
        expect(res.headers.get("content-type")).toMatch(/^application\/json/);
        expect(Object.keys(res.body), detail).toEqual(["error"]);
        expect(res.body.error.code, detail).toBe(bad.code);
        expect(typeof res.body.error.message).toBe("string");
        expect(res.body.error.message.length).toBeGreaterThan(0);
        // Never echo a 10 kB input back.
        expect(res.bytes.length).toBeLessThan(8 * 1024);
        if (bad.fields) {
          const paths = (res.body.error.details?.fields ?? []).map((f: { path: string; message: string }) => {
            expect(typeof f.message).toBe("string");
            return f.path;
          });
          expect(paths, detail).toEqual(expect.arrayContaining(bad.fields));
        }
        bad.also?.(res.body);
        expect(await persistentState()).toEqual(before);
      });
    }
  });
}
