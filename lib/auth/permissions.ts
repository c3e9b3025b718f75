import type { UserRole } from "@/db/schema";

/**
 * Seed 001's permissions, plus what this product needs: revealing a customer's full phone (audited),
 * managing API tokens, and the sync hub's (seed 000): managing external systems (admins), reading and
 * writing back synced work orders, reading sync logs; and the project cache's (seed 003): reading cached
 * projects, sharing a project through a link (create, list, revoke), starting a project sync; and the
 * notifications' (admins): channels, templates, the message log and its retries.
 * Technicians hold some ticket permissions only for tickets assigned to them; that scope is enforced by
 * `canActOnTicket`.
 */
export const permissions = [
  "tickets.read",
  "tickets.write",
  "tickets.assign",
  "tickets.complete",
  "tickets.upload",
  "tickets.reveal_phone",
  "tokens.manage",
  "integrations.manage",
  "work_orders.read",
  "work_orders.write",
  "sync_logs.read",
  "projects.read",
  "projects.share",
  "projects.sync",
  "notifications.manage",
] as const;
export type Permission = (typeof permissions)[number];

export const rolePermissions: Record<UserRole, readonly Permission[]> = {
  admin: permissions,
  agent: [
    "tickets.read",
    "tickets.write",
    "tickets.upload",
    "tickets.reveal_phone",
    "tokens.manage",
    "work_orders.read",
    "work_orders.write",
    "projects.read",
    "projects.share",
  ],
  ops_manager: [
    "tickets.read",
    "tickets.assign",
    "tickets.complete",
    "tickets.reveal_phone",
    "tokens.manage",
    "work_orders.read",
    "sync_logs.read",
    "projects.read",
    "projects.share",
    "projects.sync",
  ],
  // No tokens.manage: technicians work in the app on a phone and have no scripts to give a token to.
  technician: ["tickets.read", "tickets.complete", "tickets.upload", "tickets.reveal_phone"],
};

/** Roles whose ticket permissions reach only the tickets assigned to them. */
export const ownTicketsOnlyRoles: readonly UserRole[] = ["technician"];

export interface Actor {
  userId: string;
  email: string;
  name: string;
  role: UserRole;
  /** Set when the user is a technician. */
  technicianId: string | null;
}

export const hasPermission = (role: UserRole, permission: Permission) => rolePermissions[role].includes(permission);

/** Whether `actor` may use `permission` on a ticket currently assigned to `ticketTechnicianId`. */
export function canActOnTicket(actor: Actor, permission: Permission, ticketTechnicianId: string | null): boolean {
  if (!hasPermission(actor.role, permission)) return false;
  if (!ownTicketsOnlyRoles.includes(actor.role)) return true;
  return actor.technicianId !== null && actor.technicianId === ticketTechnicianId;
}
