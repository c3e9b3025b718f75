import "server-only";
import { and, count, eq, sql } from "drizzle-orm";
import type { PgUpdateSetSource } from "drizzle-orm/pg-core";
import { ticketEvents, ticketImages, tickets, type TicketStatus } from "@/db/schema";
import { canActOnTicket, type Actor } from "../auth/permissions";
import { writeAudit } from "../audit";
import type { Tx } from "../db";
import { AppError } from "../errors";
import { transactionWithEvents, type Emit } from "../jobs/outbox";
import { chooseTechnician, coversAppliance } from "./auto-assign";
import type { TicketDto } from "./dto";
import { getTicketRowOrThrow, selectTicketRows, toTicketDto, type TicketRow } from "./queries";
import type { AssignBody } from "./schemas";
import {
  actionsAllowedIn,
  customerCancellableStatuses,
  nextStatus,
  transitionTable,
  type TicketAction,
} from "./state-machine";
import { loadAssignmentCandidates } from "./technicians";

type TicketPatch = PgUpdateSetSource<typeof tickets>;

export interface TransitionActor {
  type: "user" | "customer" | "system";
  label: string;
  userId: string | null;
}

export const actorOf = (actor: Actor): TransitionActor => ({
  type: "user",
  label: actor.name || actor.email,
  userId: actor.userId,
});

interface TransitionPlan {
  patch: TicketPatch;
  details: Record<string, unknown>;
}

/**
 * Every state change, in one transaction: check the caller's version, check the state allows the
 * action, write the new state with version + 1 (guarded by `WHERE version = seen`, so of concurrent
 * writers exactly one wins), append the ticket event, the audit entry and the outbox event.
 */
async function applyTransition(args: {
  ticketId: string;
  action: TicketAction;
  expectedVersion: number | null;
  actor: TransitionActor;
  /** Staff caller whose permission and ticket scope are checked; null for customer/system paths. */
  staff: Actor | null;
  allowedFrom?: readonly TicketStatus[];
  plan: (tx: Tx, row: TicketRow) => Promise<TransitionPlan>;
}): Promise<TicketDto> {
  return transactionWithEvents(async (tx, emit) => {
    const row = args.staff
      ? await getTicketRowOrThrow(tx, args.ticketId, args.staff)
      : await getTicketRowOrThrow(tx, args.ticketId, systemReader);
    const current = row.ticket;

    if (args.staff && !canActOnTicket(args.staff, transitionTable[args.action].permission, current.technicianId)) {
      throw new AppError(
        "forbidden",
        `Your role (${args.staff.role}) may not ${args.action.replace("_", " ")} this ticket`,
      );
    }
    if (args.expectedVersion !== null && current.version !== args.expectedVersion) throw staleVersion(row, args.staff);

    const allowedFrom = args.allowedFrom ?? transitionTable[args.action].from;
    const to = allowedFrom.includes(current.status) ? nextStatus(args.action, current.status) : null;
    if (!to) {
      if (!args.staff) throw customerRefusal(current.status);
      const allowed = actionsAllowedIn(current.status);
      throw new AppError(
        "invalid_transition",
        `Cannot ${args.action.replace("_", " ")} a ${current.status} ticket` +
          (allowed.length ? `; allowed now: ${allowed.join(", ")}` : "; it is closed"),
        { status: current.status, allowed_actions: allowed, version: current.version },
      );
    }

    const { patch, details } = await args.plan(tx, row);
    const [updated] = await tx
      .update(tickets)
      .set({ ...patch, status: to, version: sql`${tickets.version} + 1`, updatedAt: sql`now()` })
      .where(and(eq(tickets.id, current.id), eq(tickets.version, current.version)))
      .returning({ id: tickets.id, version: tickets.version });
    if (!updated) {
      // Someone committed between our read and our write: report the state they left.
      const fresh = await getTicketRowOrThrow(tx, current.id, args.staff ?? systemReader);
      throw staleVersion(fresh, args.staff);
    }

    await recordEvent(tx, emit, {
      row,
      action: args.action,
      from: current.status,
      to,
      version: updated.version,
      actor: args.actor,
      details,
    });
    const [fresh] = await selectTicketRows(tx).where(eq(tickets.id, current.id));
    return toTicketDto(fresh!, args.staff);
  });
}

/**
 * Customers act from their tracking link, and cancelling is the one thing they can do there: a refusal
 * says why in their terms and what to do instead, never which staff actions exist.
 */
function customerRefusal(status: TicketStatus) {
  const message =
    status === "CANCELED"
      ? "This booking is already canceled."
      : status === "COMPLETED"
        ? "This visit is already completed, so there is nothing to cancel."
        : `${status === "IN_PROGRESS" ? "The repair visit has already started" : "A technician has already been assigned to this booking"}, so it can no longer be canceled online. Please call the service center to change or cancel the visit.`;
  return new AppError("invalid_transition", message, { status });
}

/** A reader that sees every ticket, for paths authorised by other means (customer link, system). */
const systemReader: Actor = {
  userId: "00000000-0000-0000-0000-000000000000",
  email: "system",
  name: "system",
  role: "admin",
  technicianId: null,
};

function staleVersion(row: TicketRow, viewer: Actor | null) {
  const t = row.ticket;
  return new AppError(
    "conflict",
    `This ticket was changed by someone else: it is now ${t.status} (version ${t.version}). Review the current state and try again.`,
    { current_version: t.version, current_status: t.status, ticket: toTicketDto(row, viewer) },
  );
}

const eventNames: Record<TicketAction | "book", string> = {
  book: "booked",
  confirm: "confirmed",
  assign: "assigned",
  start: "started",
  upload_receipt: "receipt_uploaded",
  complete: "completed",
  cancel: "canceled",
};

export async function recordEvent(
  tx: Tx,
  emit: Emit,
  e: {
    row: { ticket: { id: string; code: string } };
    action: TicketAction | "book";
    from: TicketStatus | null;
    to: TicketStatus;
    version: number;
    actor: TransitionActor;
    details: Record<string, unknown>;
  },
) {
  const name = eventNames[e.action];
  // Independent inserts, sent together: one round trip on the transaction's connection.
  await Promise.all([
    tx.insert(ticketEvents).values({
      ticketId: e.row.ticket.id,
      action: name,
      actorType: e.actor.type,
      actorUserId: e.actor.userId,
      actorLabel: e.actor.label,
      fromStatus: e.from,
      toStatus: e.to,
      details: e.details,
    }),
    e.actor.type === "user" &&
      writeAudit(tx, {
        actorUserId: e.actor.userId,
        actorLabel: e.actor.label,
        action: `ticket.${name}`,
        targetType: "ticket",
        targetId: e.row.ticket.id,
        details: { code: e.row.ticket.code, from: e.from, to: e.to, ...e.details },
      }),
    // A reassignment keeps the status but hands the job to someone else: the new technician and the
    // customer are told, so it is announced like a change.
    (e.from !== e.to || e.action === "assign") &&
      emit({
        name: "ticket/status.changed",
        data: {
          ticketId: e.row.ticket.id,
          code: e.row.ticket.code,
          action: name,
          from: e.from,
          to: e.to,
          version: e.version,
          actor: { type: e.actor.type, label: e.actor.label },
          at: new Date().toISOString(),
        },
      }),
  ]);
}

export function confirmTicket(ticketId: string, version: number, actor: Actor) {
  return applyTransition({
    ticketId,
    action: "confirm",
    expectedVersion: version,
    actor: actorOf(actor),
    staff: actor,
    plan: async () => ({ patch: { confirmedAt: sql`now()` }, details: {} }),
  });
}

export function assignTicket(ticketId: string, body: AssignBody, actor: Actor) {
  return applyTransition({
    ticketId,
    action: "assign",
    expectedVersion: body.version,
    actor: actorOf(actor),
    staff: actor,
    plan: async (tx, row) => {
      const previous = row.ticket.technicianId
        ? { previous_technician_id: row.ticket.technicianId, previous_technician_name: row.techName }
        : {};
      if (body.auto) {
        const choice = chooseTechnician(await loadAssignmentCandidates(tx, row.ticket), row.ticket);
        if (!choice) throw new AppError("conflict", "No active technician is available to assign");
        return {
          patch: { technicianId: choice.technician.id, assignedAt: sql`now()` },
          details: {
            mode: "auto",
            technician_id: choice.technician.id,
            technician_name: choice.technician.name,
            // The timeline renders its sentence from these fields; `reason` is for API readers and the audit log.
            reason: choice.reason,
            decided_by: choice.decidedBy,
            appliance_type: row.ticket.applianceType,
            covers_appliance: choice.coversAppliance,
            same_center: choice.sameCenter,
            load_7d: choice.technician.load7d,
            same_slot_job: choice.technician.slotJob,
            ...previous,
          },
        };
      }
      const [tech] = await loadAssignmentCandidates(tx, row.ticket, { technicianId: body.technician_id! });
      if (!tech)
        throw new AppError("invalid_input", "That technician does not exist", {
          fields: [{ path: "technician_id", message: "Unknown technician" }],
        });
      if (!tech.active)
        throw new AppError("invalid_input", `${tech.name} is not active and cannot take tickets`, {
          fields: [{ path: "technician_id", message: "Technician is inactive" }],
        });
      if (tech.id === row.ticket.technicianId)
        throw new AppError("conflict", `The ticket is already assigned to ${tech.name}`);
      // A clash is allowed (the dialog asks the dispatcher to confirm it) but stays on the record.
      return {
        patch: { technicianId: tech.id, assignedAt: sql`now()` },
        details: {
          mode: "manual",
          technician_id: tech.id,
          technician_name: tech.name,
          appliance_type: row.ticket.applianceType,
          covers_appliance: coversAppliance(tech.skills, row.ticket.applianceType),
          same_center: tech.centerId === row.ticket.centerId,
          same_slot_job: tech.slotJob,
          ...previous,
        },
      };
    },
  });
}

export function startTicket(ticketId: string, version: number, actor: Actor) {
  return applyTransition({
    ticketId,
    action: "start",
    expectedVersion: version,
    actor: actorOf(actor),
    staff: actor,
    plan: async () => ({ patch: { startedAt: sql`now()` }, details: {} }),
  });
}

export function completeTicket(ticketId: string, version: number, actor: Actor) {
  return applyTransition({
    ticketId,
    action: "complete",
    expectedVersion: version,
    actor: actorOf(actor),
    staff: actor,
    plan: async (tx, row) => {
      // The completion gate: proof of work must already be stored server-side.
      const [receipts] = await tx
        .select({ n: count() })
        .from(ticketImages)
        .where(and(eq(ticketImages.ticketId, row.ticket.id), eq(ticketImages.kind, "RECEIPT")));
      if (!receipts?.n) {
        throw new AppError("receipt_required", "Upload at least one receipt photo before completing this ticket", {
          receipt_count: 0,
        });
      }
      return { patch: { completedAt: sql`now()` }, details: { receipt_count: receipts.n } };
    },
  });
}

export function cancelTicket(ticketId: string, version: number, reason: string, actor: Actor) {
  return applyTransition({
    ticketId,
    action: "cancel",
    expectedVersion: version,
    actor: actorOf(actor),
    staff: actor,
    plan: async () => ({
      patch: { canceledAt: sql`now()`, cancelReason: reason, canceledBy: "staff" },
      details: { reason },
    }),
  });
}

/** The customer's own cancel, from a verified tracking link (authorised by the link, not a role). */
export function cancelTicketByCustomer(ticketId: string, reason: string) {
  return applyTransition({
    ticketId,
    action: "cancel",
    expectedVersion: null,
    actor: { type: "customer", label: "customer", userId: null },
    staff: null,
    allowedFrom: customerCancellableStatuses,
    plan: async () => ({
      patch: { canceledAt: sql`now()`, cancelReason: reason, canceledBy: "customer" },
      details: { reason },
    }),
  });
}
