import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { technicians, userRoles, users, type UserRole } from "@/db/schema";
import { getDb } from "../db";
import { AppError, isUniqueViolation } from "../errors";
import { hashPassword, timingDummyHash, verifyPassword } from "./passwords";
import type { Actor } from "./permissions";

export const createUserInput = z.object({
  email: z.string().trim().toLowerCase().email("Enter a valid email address").max(200),
  name: z.string().trim().min(1, "Name is required").max(100),
  role: z.enum(userRoles),
  password: z.string().min(8, "Password must be at least 8 characters").max(200),
});
export type CreateUserInput = z.input<typeof createUserInput>;

export async function createUser(input: CreateUserInput) {
  const data = createUserInput.parse(input);
  const db = await getDb();
  try {
    const [row] = await db
      .insert(users)
      .values({ email: data.email, name: data.name, role: data.role, passwordHash: await hashPassword(data.password) })
      .returning({ id: users.id, email: users.email, name: users.name, role: users.role });
    return row!;
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError("conflict", `A user with email ${data.email} already exists`);
    throw e;
  }
}

/** Checks a sign-in; the same answer (null) and similar timing for an unknown email and a wrong password. */
export async function verifyCredentials(email: string, password: string): Promise<Actor | null> {
  const db = await getDb();
  const [user] = await db.select().from(users).where(eq(users.email, email.trim().toLowerCase())).limit(1);
  if (!user) {
    await verifyPassword(await timingDummyHash(), password);
    return null;
  }
  if (!(await verifyPassword(user.passwordHash, password)) || !user.active) return null;
  await db
    .update(users)
    .set({ lastLoginAt: sql`now()` })
    .where(eq(users.id, user.id));
  return loadActor(user.id);
}

/** The current identity for a user id, or null when the user is gone or deactivated. */
export async function loadActor(userId: string): Promise<Actor | null> {
  if (!z.uuid().safeParse(userId).success) return null;
  const db = await getDb();
  const [row] = await db
    .select({ id: users.id, email: users.email, name: users.name, role: users.role, technicianId: technicians.id })
    .from(users)
    .leftJoin(technicians, eq(technicians.userId, users.id))
    .where(and(eq(users.id, userId), eq(users.active, true)))
    .limit(1);
  if (!row) return null;
  return {
    userId: row.id,
    email: row.email,
    name: row.name,
    role: row.role as UserRole,
    technicianId: row.technicianId,
  };
}

export async function findUserByEmail(email: string) {
  const db = await getDb();
  const [row] = await db
    .select({ id: users.id, email: users.email, name: users.name, role: users.role, active: users.active })
    .from(users)
    .where(eq(users.email, email.trim().toLowerCase()))
    .limit(1);
  return row ?? null;
}

export async function findUserByEmailOrThrow(email: string) {
  const user = await findUserByEmail(email);
  if (!user) throw new AppError("not_found", `No user with email ${email}`);
  return user;
}
