import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { auditLog } from "@/db/schema";
import { getDb } from "@/lib/db";
import { withTestDatabase } from "@/test/db";
import { appErrorFrom, createCenter } from "@/test/fixtures";
import { listCenters, setCenterPhone } from "./centers";
import { telHref } from "./phone";

withTestDatabase();

describe("a service center's hotline (npm run cli -- centers set-phone)", () => {
  it("sets it by name or id as written, audited, and clears it", async () => {
    const center = await createCenter();
    expect(await setCenterPhone(center.name, " 0571-8777  0003 ")).toMatchObject({ phone: "0571-8777 0003" });
    expect(await setCenterPhone(center.id, "+86 400 820 8888")).toMatchObject({ phone: "+86 400 820 8888" });
    expect((await listCenters()).find((c) => c.id === center.id)?.phone).toBe("+86 400 820 8888");
    const db = await getDb();
    const audits = await db.select().from(auditLog).where(eq(auditLog.targetId, center.id));
    expect(audits.map((a) => a.action)).toEqual(["service_center.phone_set", "service_center.phone_set"]);
    expect((await setCenterPhone(center.name, null)).phone).toBeNull();
  });

  it.each([
    ["letters", "call-me-maybe"],
    ["too few digits", "1234"],
    ["too many digits", "0086 21 5888 0001 2345"],
    ["a + in the middle", "021+58880001"],
    ["nothing", "   "],
  ])("refuses %s and changes nothing", async (_what, phone) => {
    const center = await createCenter();
    await setCenterPhone(center.name, "021-5888-0001");
    await expect(setCenterPhone(center.name, phone)).rejects.toBeInstanceOf(ZodError);
    expect((await listCenters()).find((c) => c.id === center.id)?.phone).toBe("021-5888-0001");
  });

  it("names an unknown center", async () => {
    const err = await appErrorFrom(setCenterPhone("没有这个中心", "021-5888-0001"));
    expect(err.code).toBe("not_found");
  });

  it("dials only the digits and a leading +", () => {
    expect(telHref("021-5888-0001")).toBe("tel:02158880001");
    expect(telHref("+86 (571) 8777 0003")).toBe("tel:+8657187770003");
  });
});
