import { describe, expect, it } from "vitest";
import { bookingInput, listTicketsQuery } from "./schemas";

const good = {
  customer_name: "张三",
  phone: "13800138000",
  city: "上海市",
  district: "浦东新区",
  address: "张江路 88 号 3 栋 1201",
  appliance_type: "integrated_stove",
  appliance_model: "JJZT-90A",
  issue_desc: "点火后火焰很小，偶尔熄火",
  appointment_date: "2026-03-02",
  appointment_slot: "14:00-16:00",
  idempotency_key: "b6f3c7d2-4b7e-4a53-9a0e-0c1d2e3f4a5b",
};

/** The fields a rejected booking names (each once), so a form can show each message next to its field. */
function rejectedPaths(input: unknown): string[] {
  const result = bookingInput.safeParse(input);
  expect(result.success, "expected the booking to be rejected").toBe(false);
  return [...new Set(result.error!.issues.map((i) => i.path.join(".")))];
}

describe("booking input", () => {
  it("accepts a complete booking and trims text", () => {
    const parsed = bookingInput.parse({ ...good, customer_name: "  张三 ", address: " 张江路 88 号 " });
    expect(parsed).toMatchObject({
      customer_name: "张三",
      address: "张江路 88 号",
      appliance_type: "integrated_stove",
    });
  });

  it("accepts a booking without the optional model and idempotency key", () => {
    const { appliance_model: _m, idempotency_key: _k, ...minimal } = good;
    expect(bookingInput.safeParse(minimal).success).toBe(true);
  });

  it.each([
    "customer_name",
    "phone",
    "city",
    "district",
    "address",
    "appliance_type",
    "issue_desc",
    "appointment_date",
    "appointment_slot",
  ])("rejects a booking without %s, naming that field", (field) => {
    const input: Record<string, unknown> = { ...good };
    delete input[field];
    expect(rejectedPaths(input)).toEqual([field]);
  });

  it("rejects blank text fields (whitespace only) as missing", () => {
    expect(rejectedPaths({ ...good, customer_name: "   ", address: "" })).toEqual(["customer_name", "address"]);
  });

  it("rejects wrong types with the field path", () => {
    expect(rejectedPaths({ ...good, customer_name: 42 })).toEqual(["customer_name"]);
    expect(rejectedPaths({ ...good, phone: 13800138000 })).toEqual(["phone"]);
    expect(rejectedPaths({ ...good, appointment_date: new Date() })).toEqual(["appointment_date"]);
    expect(rejectedPaths({ ...good, issue_desc: ["a"] })).toEqual(["issue_desc"]);
    expect(rejectedPaths({ ...good, appliance_model: { x: 1 } })).toEqual(["appliance_model"]);
  });

  it("rejects 10 kB strings in every free-text field", () => {
    const huge = "很".repeat(10_000);
    for (const field of ["customer_name", "city", "district", "address", "issue_desc", "appliance_model", "phone"]) {
      expect(rejectedPaths({ ...good, [field]: huge })).toEqual([field]);
    }
    expect(rejectedPaths({ ...good, idempotency_key: "k".repeat(10_000) })).toEqual(["idempotency_key"]);
  });

  it.each([
    ["too short", "1380013800"],
    ["a landline", "021-62345678"],
    ["12 digits", "138001380001"],
    ["letters", "138abc38000"],
    ["a wrong prefix", "12800138000"],
    ["empty", ""],
  ])("rejects a phone that is %s", (_what, phone) => {
    expect(rejectedPaths({ ...good, phone })).toEqual(["phone"]);
  });

  it.each([
    "+86 138 0013 8000",
    "+86-138-0013-8000",
    "0086 13800138000",
    "8613800138000",
    "138-0013-8000",
    "(138) 0013 8000",
  ])("accepts the mobile written as %s", (phone) => {
    expect(bookingInput.safeParse({ ...good, phone }).success).toBe(true);
  });

  it("rejects an unknown appliance type", () => {
    expect(rejectedPaths({ ...good, appliance_type: "toaster" })).toEqual(["appliance_type"]);
  });

  it.each(["14:00-15:00", "8:00-10:00", "morning", "", "18:00-20:00"])("rejects the slot %j", (slot) => {
    expect(rejectedPaths({ ...good, appointment_slot: slot })).toEqual(["appointment_slot"]);
  });

  it.each(["2026-02-30", "2026-13-01", "2026/03/02", "02-03-2026", "2026-3-2", "tomorrow", "2026-03-02T10:00:00Z", ""])(
    "rejects the malformed date %j",
    (date) => {
      expect(rejectedPaths({ ...good, appointment_date: date })).toEqual(["appointment_date"]);
    },
  );

  it("rejects an idempotency key with characters outside [A-Za-z0-9_-] or shorter than 8", () => {
    expect(rejectedPaths({ ...good, idempotency_key: "../../etc" })).toEqual(["idempotency_key"]);
    expect(rejectedPaths({ ...good, idempotency_key: "short" })).toEqual(["idempotency_key"]);
  });

  it("reports every bad field at once", () => {
    expect(rejectedPaths({ ...good, phone: "123", appliance_type: "toaster", appointment_slot: "x" })).toEqual([
      "phone",
      "appliance_type",
      "appointment_slot",
    ]);
  });
});

describe("list query keyword", () => {
  it.each(["张江路", "TK2602", "5068", "a.b", "1-2", "王", " 深南大道 "])("searches %j", (q) => {
    expect(listTicketsQuery.parse({ q }).q).toBe(q.trim());
  });

  it("treats an empty or blank keyword as none", () => {
    expect(listTicketsQuery.parse({ q: "   " }).q).toBeUndefined();
    expect(listTicketsQuery.parse({ q: "" }).q).toBeUndefined();
  });

  it.each(["!!!", "---", "...", "%", "_ _", "——", "，。"])("refuses %j: nothing in it can be searched", (q) => {
    const result = listTicketsQuery.safeParse({ q });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path.join("."))).toEqual(["q"]);
    expect(result.error!.issues[0]!.message).toMatch(/at least one letter or digit/);
  });
});
