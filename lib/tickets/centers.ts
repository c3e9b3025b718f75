import "server-only";
import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import { serviceCenters } from "@/db/schema";
import { writeAudit } from "../audit";
import { getDb } from "../db";
import { AppError } from "../errors";

/**
 * A service center's hotline as customers dial it: a landline with its area code ("021-5888-0001"), a
 * 400/800 service number or a mobile, written with digits, spaces, hyphens, brackets and an optional
 * leading +. 5 to 15 digits (E.164's most); stored as written, with runs of spaces made one.
 */
export const centerPhone = z
  .string()
  .trim()
  .transform((v) => v.replace(/\s+/g, " "))
  .pipe(
    z
      .string()
      .max(25, "A phone number is at most 25 characters")
      .regex(/^\+?[\d\s()-]+$/, "Use digits, spaces, hyphens, brackets and an optional leading +")
      .refine((v) => {
        const digits = v.replace(/\D/g, "").length;
        return digits >= 5 && digits <= 15;
      }, "A phone number has 5 to 15 digits"),
  );

export async function listCenters() {
  const db = await getDb();
  return db
    .select({ id: serviceCenters.id, name: serviceCenters.name, phone: serviceCenters.phone, active: serviceCenters.active })
    .from(serviceCenters)
    .orderBy(asc(serviceCenters.name));
}

/** Sets (or, with null, clears) a center's hotline, found by its exact name or id; audited as the CLI. */
export async function setCenterPhone(center: string, phone: string | null, actorLabel = "cli") {
  const value = phone === null ? null : centerPhone.parse(phone);
  const db = await getDb();
  const byId = z.uuid().safeParse(center).success;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(serviceCenters)
      .set({ phone: value })
      .where(byId ? eq(serviceCenters.id, center) : eq(serviceCenters.name, center))
      .returning({ id: serviceCenters.id, name: serviceCenters.name, phone: serviceCenters.phone });
    if (!row) throw new AppError("not_found", `No service center is named or has the id "${center}"`);
    await writeAudit(tx, {
      actorUserId: null,
      actorLabel,
      action: "service_center.phone_set",
      targetType: "service_center",
      targetId: row.id,
      details: { phone: row.phone },
    });
    return row;
  });
}
