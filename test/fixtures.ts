import { randomBytes, randomUUID } from "node:crypto";
import sharp from "sharp";
import {
  auditLog,
  jobOutbox,
  serviceAreas,
  serviceCenters,
  technicians,
  ticketEvents,
  ticketImages,
  tickets,
  trackingLinks,
  type TicketStatus,
  type UserRole,
} from "@/db/schema";
import { createApiToken, forgetAuthenticatedTokens } from "@/lib/auth/api-tokens";
import type { Actor } from "@/lib/auth/permissions";
import { createUser, loadActor } from "@/lib/auth/users";
import { encryptSecret } from "@/lib/crypto";
import { AppError } from "@/lib/errors";
import { getDb } from "@/lib/db";
import { settleJobs } from "@/lib/jobs/outbox";
import { cleanUploadedImage } from "@/lib/files/images";
import { createBooking } from "@/lib/tickets/booking";
import { uploadReceipts } from "@/lib/tickets/images";
import { maskPhone } from "@/lib/tickets/phone";
import { addDays, localDate } from "@/lib/tickets/slots";
import type { BookingInput } from "@/lib/tickets/schemas";
import { assignTicket, cancelTicket, completeTicket, confirmTicket, startTicket } from "@/lib/tickets/transitions";
import { and, asc, count, eq, sql } from "drizzle-orm";
import { syncRuns, users } from "@/db/schema";

const uniq = () => randomBytes(4).toString("hex");

export async function createCenter(opts: { name?: string; city?: string; districts?: string[] } = {}) {
  const db = await getDb();
  const [center] = await db
    .insert(serviceCenters)
    .values({ name: opts.name ?? `Center ${uniq()}` })
    .returning();
  const city = opts.city ?? `City-${uniq()}`;
  const districts = opts.districts ?? [`District-${uniq()}`];
  await db.insert(serviceAreas).values(districts.map((district) => ({ centerId: center!.id, city, district })));
  return { ...center!, city, districts };
}

export async function createTechnician(
  centerId: string,
  opts: { name?: string; active?: boolean; userId?: string; skills?: string[] } = {},
) {
  const db = await getDb();
  const phone = `139${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}`;
  const [tech] = await db
    .insert(technicians)
    .values({
      name: opts.name ?? `Tech ${uniq()}`,
      phoneEncrypted: encryptSecret(phone),
      phoneMasked: maskPhone(phone),
      centerId,
      active: opts.active ?? true,
      skills: opts.skills ?? [],
      userId: opts.userId ?? null,
    })
    .returning();
  return tech!;
}

export async function createStaff(
  role: UserRole,
  opts: { technicianCenterId?: string } = {},
): Promise<Actor & { token: string; password: string }> {
  const password = `pw-${uniq()}-${uniq()}`;
  const user = await createUser({ email: `${role}-${uniq()}@test.local`, name: `${role} ${uniq()}`, role, password });
  if (role === "technician")
    await createTechnician(opts.technicianCenterId ?? (await createCenter()).id, { userId: user.id, name: user.name });
  const actor = (await loadActor(user.id))!;
  const { token } = await createApiToken({ userId: user.id, name: "test" }, user.email);
  return { ...actor, token, password };
}

/** Deactivates a user as an admin tool would: the row, then the per-process token cache (see api-tokens.ts). */
export async function deactivateUser(userId: string) {
  const db = await getDb();
  await db.update(users).set({ active: false }).where(eq(users.id, userId));
  forgetAuthenticatedTokens();
}

export const tomorrow = () => addDays(localDate(new Date(), "Asia/Shanghai"), 1);

export function bookingFor(
  center: { city: string; districts: string[] },
  overrides: Partial<BookingInput> = {},
): BookingInput {
  return {
    customer_name: "张三",
    phone: `138${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}`,
    city: center.city,
    district: center.districts[0]!,
    address: "浦东新区张江路 88 号 3 栋 1201",
    appliance_type: "integrated_stove",
    appliance_model: "JJZT-90A",
    issue_desc: "点火后火焰很小，偶尔熄火",
    appointment_date: tomorrow(),
    appointment_slot: "14:00-16:00",
    ...overrides,
  };
}

export async function jpegBytes(opts: { width?: number; color?: string; exif?: boolean } = {}): Promise<Buffer> {
  const img = sharp({
    create: { width: opts.width ?? 64, height: 48, channels: 3, background: opts.color ?? "#3366cc" },
  });
  return (opts.exif ? img.withExif({ IFD0: { Make: "TestCam", Copyright: "secret-owner" } }) : img).jpeg().toBuffer();
}

/** A world with one center, an active technician (with a login), and an admin. */
export async function createWorld() {
  const center = await createCenter();
  const admin = await createStaff("admin");
  const techUser = await createStaff("technician", { technicianCenterId: center.id });
  const db = await getDb();
  const [tech] = await db.select().from(technicians).where(eq(technicians.id, techUser.technicianId!));
  return { center, admin, techUser, tech: tech! };
}

/** Books a ticket and walks it forward to `status` through the real services. */
export async function ticketIn(
  status: TicketStatus,
  world: { center: { id: string; city: string; districts: string[] }; admin: Actor; tech: { id: string } },
  overrides: Partial<BookingInput> = {},
) {
  const booking = await createBooking(bookingFor(world.center, { idempotency_key: randomUUID(), ...overrides }), {
    ip: `10.${Math.floor(Math.random() * 255)}.0.1`,
    baseUrl: "http://test.local",
  });
  let t = { id: booking.ticket_id, version: 1, status: "BOOKED" as TicketStatus };
  const step = async (fn: () => Promise<{ version: number; status: TicketStatus }>) => {
    const next = await fn();
    t = { id: t.id, version: next.version, status: next.status };
  };
  if (status === "BOOKED") return { ...t, booking };
  if (status === "CANCELED") {
    await step(() => cancelTicket(t.id, t.version, "test cancel", world.admin));
    return { ...t, booking };
  }
  await step(() => confirmTicket(t.id, t.version, world.admin));
  if (status === "CONFIRMED") return { ...t, booking };
  await step(() => assignTicket(t.id, { version: t.version, technician_id: world.tech.id }, world.admin));
  if (status === "ASSIGNED") return { ...t, booking };
  await step(() => startTicket(t.id, t.version, world.admin));
  if (status === "IN_PROGRESS") return { ...t, booking };
  await uploadReceipts(
    t.id,
    [await cleanUploadedImage(await jpegBytes({ color: `#${uniq().slice(0, 6)}` }))],
    world.admin,
  );
  await step(() => completeTicket(t.id, t.version, world.admin));
  return { ...t, booking };
}

// ---------------------------------------------------------------------------------------------
// Assertion helpers for the domain tests (additive: nothing above depends on them).

/** Awaits `p`, expecting it to fail with an AppError, and returns that error for further checks. */
export async function appErrorFrom(p: Promise<unknown>): Promise<AppError> {
  const outcome = await p.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  if (outcome.ok) throw new Error(`Expected an AppError, but the call succeeded with ${JSON.stringify(outcome.value)}`);
  if (!(outcome.error instanceof AppError)) throw outcome.error;
  return outcome.error;
}

/**
 * Row counts of every table a ticket-domain write touches. Compare two snapshots to prove a refused
 * request wrote nothing.
 */
export async function writeCounts(): Promise<Record<string, number>> {
  // Background work started earlier (notifications of the fixture's own transitions) settles first.
  await settleJobs();
  const db = await getDb();
  const tables = {
    tickets,
    ticket_events: ticketEvents,
    ticket_images: ticketImages,
    audit_log: auditLog,
    job_outbox: jobOutbox,
    tracking_links: trackingLinks,
  };
  const entries = await Promise.all(
    Object.entries(tables).map(async ([name, table]) => [name, (await db.select({ n: count() }).from(table))[0]!.n]),
  );
  return Object.fromEntries(entries) as Record<string, number>;
}

/** Everything written about one ticket: its row, events, audit entries and outbox rows (oldest first). */
export async function ticketTrail(ticketId: string) {
  const db = await getDb();
  const [ticket] = await db.select().from(tickets).where(eq(tickets.id, ticketId));
  const events = await db
    .select()
    .from(ticketEvents)
    .where(eq(ticketEvents.ticketId, ticketId))
    .orderBy(asc(ticketEvents.createdAt), asc(ticketEvents.id));
  const audits = await db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.targetType, "ticket"), eq(auditLog.targetId, ticketId)))
    .orderBy(asc(auditLog.createdAt), asc(auditLog.id));
  const outbox = await db
    .select()
    .from(jobOutbox)
    .where(sql`${jobOutbox.payload}->>'ticketId' = ${ticketId}`)
    .orderBy(asc(jobOutbox.createdAt), asc(jobOutbox.id));
  const images = await db.select().from(ticketImages).where(eq(ticketImages.ticketId, ticketId));
  return { ticket: ticket!, events, audits, outbox, images };
}

/** Makes a ticket's outbox rows look older than the tick's grace period, as if a crash had left them. */
export async function ageOutboxRows(ticketId: string, minutes = 2) {
  const db = await getDb();
  await db
    .update(jobOutbox)
    .set({ createdAt: sql`now() - make_interval(mins => ${minutes})` })
    .where(sql`${jobOutbox.payload}->>'ticketId' = ${ticketId}`);
}

/**
 * A sync run row as given (pending by default), written directly: no event, so no job driver runs it
 * (for tests that execute it themselves: an Inngest function, a child process).
 */
export async function insertSyncRun(
  system: { id: number; name: string },
  values: Partial<typeof syncRuns.$inferInsert> = {},
) {
  const db = await getDb();
  const [run] = await db
    .insert(syncRuns)
    .values({ systemId: system.id, systemName: system.name, syncType: "work_orders", trigger: "auto", ...values })
    .returning();
  return run!;
}
