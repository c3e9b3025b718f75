import { describe, expect, it } from "vitest";
import { userRoles, type UserRole } from "@/db/schema";
import { canActOnTicket, hasPermission, permissions, type Actor, type Permission } from "./permissions";

/**
 * Seed 001's matrix (admin: all; agent: read, write, upload; ops_manager: read, assign, complete) plus
 * the technician's own-ticket permissions and this product's additions (reveal_phone, tokens.manage, and
 * the sync hub's integrations.manage (admin), work_orders.read/write and sync_logs.read; the project
 * cache's projects.read/share/sync).
 * "own" = held, but only on tickets assigned to the technician (canActOnTicket); tokens.manage is
 * about one's own API tokens, not tickets, and only the roles that script against the API hold it
 * (not technicians, who work in the app).
 */
type Cell = "yes" | "no" | "own";
// prettier-ignore
const matrix: Record<UserRole, Record<Permission, Cell>> = {
  admin:       { "tickets.read": "yes", "tickets.write": "yes", "tickets.assign": "yes", "tickets.complete": "yes", "tickets.upload": "yes", "tickets.reveal_phone": "yes", "tokens.manage": "yes", "integrations.manage": "yes", "work_orders.read": "yes", "work_orders.write": "yes", "sync_logs.read": "yes", "projects.read": "yes", "projects.share": "yes", "projects.sync": "yes", "notifications.manage": "yes" },
  agent:       { "tickets.read": "yes", "tickets.write": "yes", "tickets.assign": "no",  "tickets.complete": "no",  "tickets.upload": "yes", "tickets.reveal_phone": "yes", "tokens.manage": "yes", "integrations.manage": "no",  "work_orders.read": "yes", "work_orders.write": "yes", "sync_logs.read": "no", "projects.read": "yes", "projects.share": "yes", "projects.sync": "no", "notifications.manage": "no" },
  ops_manager: { "tickets.read": "yes", "tickets.write": "no",  "tickets.assign": "yes", "tickets.complete": "yes", "tickets.upload": "no",  "tickets.reveal_phone": "yes", "tokens.manage": "yes", "integrations.manage": "no",  "work_orders.read": "yes", "work_orders.write": "no",  "sync_logs.read": "yes", "projects.read": "yes", "projects.share": "yes", "projects.sync": "yes", "notifications.manage": "no" },
  technician:  { "tickets.read": "own", "tickets.write": "no",  "tickets.assign": "no",  "tickets.complete": "own", "tickets.upload": "own", "tickets.reveal_phone": "own", "tokens.manage": "no",  "integrations.manage": "no",  "work_orders.read": "no",  "work_orders.write": "no",  "sync_logs.read": "no", "projects.read": "no", "projects.share": "no", "projects.sync": "no", "notifications.manage": "no" },
};

const MY_TECH = "11111111-1111-4111-8111-111111111111";
const OTHER_TECH = "22222222-2222-4222-8222-222222222222";

const actor = (role: UserRole): Actor => ({
  userId: "00000000-0000-4000-8000-0000000000aa",
  email: `${role}@test.local`,
  name: role,
  role,
  technicianId: role === "technician" ? MY_TECH : null,
});

describe("permission matrix", () => {
  it("covers every role and every permission", () => {
    expect(Object.keys(matrix).toSorted()).toEqual([...userRoles].toSorted());
    for (const role of userRoles) expect(Object.keys(matrix[role])).toEqual([...permissions]);
  });

  for (const role of userRoles) {
    describe(role, () => {
      for (const permission of permissions) {
        const cell = matrix[role][permission];
        it(`${permission}: ${cell}`, () => {
          expect(hasPermission(role, permission)).toBe(cell !== "no");
          if (!permission.startsWith("tickets.")) return; // not scoped to a ticket
          const me = actor(role);
          // Own ticket, someone else's ticket, unassigned ticket.
          expect(canActOnTicket(me, permission, MY_TECH)).toBe(cell !== "no");
          expect(canActOnTicket(me, permission, OTHER_TECH)).toBe(cell === "yes");
          expect(canActOnTicket(me, permission, null)).toBe(cell === "yes");
        });
      }
    });
  }

  it("gives a technician login without a technician record no ticket at all", () => {
    const orphan: Actor = { ...actor("technician"), technicianId: null };
    for (const permission of permissions) {
      expect(canActOnTicket(orphan, permission, null)).toBe(false);
      expect(canActOnTicket(orphan, permission, MY_TECH)).toBe(false);
    }
  });
});
