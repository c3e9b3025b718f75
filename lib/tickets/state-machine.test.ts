import { describe, expect, it } from "vitest";
import { ticketStatuses, type TicketStatus } from "@/db/schema";
import {
  actionsAllowedIn,
  canApply,
  customerCancellableStatuses,
  isTerminal,
  nextStatus,
  ticketActions,
  type TicketAction,
} from "./state-machine";

/**
 * The whole lifecycle (docs/architecture.md, seed 001) written out cell by cell: row = current status,
 * column = action, cell = the status after it ("=" keeps the status, "-" refuses the action).
 * A change to the rules shows up here as a readable diff.
 */
// prettier-ignore
const expected: Record<TicketStatus, Record<TicketAction, TicketStatus | "=" | "-">> = {
  BOOKED:      { confirm: "CONFIRMED", assign: "-",        start: "-",           upload_receipt: "-", complete: "-",         cancel: "CANCELED" },
  CONFIRMED:   { confirm: "-",         assign: "ASSIGNED", start: "-",           upload_receipt: "-", complete: "-",         cancel: "CANCELED" },
  ASSIGNED:    { confirm: "-",         assign: "ASSIGNED", start: "IN_PROGRESS", upload_receipt: "=", complete: "COMPLETED", cancel: "CANCELED" },
  IN_PROGRESS: { confirm: "-",         assign: "-",        start: "-",           upload_receipt: "=", complete: "COMPLETED", cancel: "CANCELED" },
  COMPLETED:   { confirm: "-",         assign: "-",        start: "-",           upload_receipt: "-", complete: "-",         cancel: "-" },
  CANCELED:    { confirm: "-",         assign: "-",        start: "-",           upload_receipt: "-", complete: "-",         cancel: "-" },
};

describe("ticket transition table", () => {
  it("knows exactly the six statuses and six actions the table above lists", () => {
    expect(Object.keys(expected)).toEqual([...ticketStatuses]);
    expect([...ticketActions]).toEqual(["confirm", "assign", "start", "upload_receipt", "complete", "cancel"]);
  });

  for (const status of ticketStatuses) {
    describe(`from ${status}`, () => {
      for (const action of ticketActions) {
        const cell = expected[status][action];
        const after = cell === "-" ? null : cell === "=" ? status : cell;
        it(`${action} → ${after ?? "refused"}`, () => {
          expect(canApply(action, status)).toBe(after !== null);
          expect(nextStatus(action, status)).toBe(after);
        });
      }

      it("offers exactly the allowed actions, in table order", () => {
        const allowed = ticketActions.filter((a) => expected[status][a] !== "-");
        expect(actionsAllowedIn(status)).toEqual(allowed);
      });
    });
  }

  it("lets a customer cancel only before a technician is assigned", () => {
    expect([...customerCancellableStatuses]).toEqual(["BOOKED", "CONFIRMED"]);
    // Everything a customer may cancel, staff may cancel too.
    for (const s of customerCancellableStatuses) expect(canApply("cancel", s)).toBe(true);
  });

  it("treats COMPLETED and CANCELED as terminal: nothing can happen to them", () => {
    expect(ticketStatuses.filter(isTerminal)).toEqual(["COMPLETED", "CANCELED"]);
    for (const s of ["COMPLETED", "CANCELED"] as const) expect(actionsAllowedIn(s)).toEqual([]);
    for (const s of ticketStatuses.filter((s) => !isTerminal(s))) expect(actionsAllowedIn(s)).toContain("cancel");
  });

  it("walks the happy path BOOKED → CONFIRMED → ASSIGNED → IN_PROGRESS → COMPLETED", () => {
    let s: TicketStatus = "BOOKED";
    const path: TicketStatus[] = [s];
    for (const a of ["confirm", "assign", "start", "upload_receipt", "complete"] as const) {
      s = nextStatus(a, s)!;
      path.push(s);
    }
    expect(path).toEqual(["BOOKED", "CONFIRMED", "ASSIGNED", "IN_PROGRESS", "IN_PROGRESS", "COMPLETED"]);
  });
});
