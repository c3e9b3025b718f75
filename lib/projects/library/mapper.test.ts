import { describe, expect, it } from "vitest";
import { projectStatuses } from "../types";
import { mapProject, normalizeEmail, normalizePhone, PROJECT_LIMITS } from "./mapper";

function project(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: "P123456",
    type: "aftersales",
    title: "  Repair for Wang Wei  ",
    status: "processing",
    customer_name: " Wang Wei ",
    phone: "+86 138-0013-8000",
    updated_at: "2025-01-15T12:00:00Z",
    service_time: "2025-01-17T09:30:00+08:00",
    fault: "  Leaks water ",
    people: [
      { role: "customer", id: "C1", name: "Wang Wei", phone: "138 0013 8000", email: " Wang.Wei@Example.COM " },
      { role: "engineer", id: "E7", name: "Li Lei" },
    ],
    ...overrides,
  };
}

function mapped(overrides: Record<string, unknown> = {}) {
  const result = mapProject(project(overrides));
  if (!result.ok) throw new Error(`expected a mapped project, got: ${result.reason}`);
  return result.record;
}

function reasonFor(raw: unknown) {
  const result = mapProject(raw);
  if (result.ok) throw new Error("expected a failure");
  return result;
}

describe("mapProject", () => {
  it("maps an after-sales project, trimming text and normalizing phones and e-mails", () => {
    expect(mapProject(project())).toEqual({
      ok: true,
      record: {
        id: "P123456",
        type: "aftersales",
        title: "Repair for Wang Wei",
        status: "processing",
        customerName: "Wang Wei",
        phone: "+8613800138000",
        updatedAt: new Date("2025-01-15T12:00:00Z"),
        fields: { service_time: "2025-01-17T09:30:00+08:00", fault: "Leaks water" },
        people: [
          { role: "customer", id: "C1", name: "Wang Wei", phone: "13800138000", email: "wang.wei@example.com" },
          { role: "engineer", id: "E7", name: "Li Lei", phone: null, email: null },
        ],
      },
    });
  });

  it("keeps only a sales project's own fields, ignoring other types' fields and unknown ones", () => {
    const record = mapped({
      type: "sales",
      payment_time: "2025-01-10T08:00:00.000Z",
      payment_amount: 1299.5,
      // Another type's fields, even malformed, and fields the library added later: none of our business.
      fault: 42,
      expected_close_date: "soon",
      warehouse: "Shenzhen",
    });
    expect(record.fields).toEqual({ payment_time: "2025-01-10T08:00:00.000Z", payment_amount: 1299.5 });
    expect(record).not.toHaveProperty("warehouse");
  });

  it("gives every field of the type, null when absent", () => {
    expect(mapped({ type: "sales", service_time: undefined, fault: undefined }).fields).toEqual({
      payment_time: null,
      payment_amount: null,
    });
    expect(mapped({ type: "presale", service_time: undefined, fault: undefined }).fields).toEqual({
      expected_close_date: null,
    });
    expect(mapped({ type: "presale", expected_close_date: "2025-03-31" }).fields).toEqual({
      expected_close_date: "2025-03-31",
    });
    expect(mapped({ service_time: null, fault: "   " }).fields).toEqual({ service_time: null, fault: null });
  });

  it("covers every status", () => {
    for (const status of projectStatuses) expect(mapped({ status }).status).toBe(status);
  });

  it.each([
    [{ status: "archived" }, 'status is not a project status ("archived")'],
    [{ status: undefined }, "status is missing"],
    [{ type: "rental" }, 'type is not a project type ("rental"; expected presale, aftersales, sales)'],
    [{ updated_at: "yesterday" }, "updated_at is not a date and time (ISO 8601 with a time zone)"],
    [{ updated_at: "2025-01-15" }, "updated_at is not a date and time (ISO 8601 with a time zone)"],
    [{ updated_at: "2025-01-15T12:00:00" }, "updated_at is not a date and time (ISO 8601 with a time zone)"],
    [{ updated_at: undefined }, "updated_at is missing"],
    [{ service_time: "next Tuesday" }, "service_time is not a date and time (ISO 8601 with a time zone)"],
    [{ fault: 42 }, "fault is not text"],
    [{ type: "sales", payment_amount: "1299.50" }, "payment_amount is not a number"],
    [{ type: "presale", expected_close_date: "2025-02-30" }, "expected_close_date is not a date (YYYY-MM-DD)"],
    [{ title: 7 }, "title is not text"],
    [{ people: "Wang Wei" }, "people is not a list"],
    [{ people: [{ role: "customer", id: "C1" }] }, "people.0.name is missing"],
    [{ people: [null] }, "people.0 is not an object"],
    [
      { people: [{ role: "customer", id: "C".repeat(65), name: "Wang Wei" }] },
      "people.0.id is longer than 64 characters",
    ],
    [{ people: [{ role: "customer", id: " ", name: "Wang Wei" }] }, "people.0.id is empty"],
  ])("refuses %o in plain words", (overrides, reason) => {
    expect(reasonFor(project(overrides))).toEqual({ ok: false, externalId: "P123456", reason });
  });

  it("names a missing or unusable id and every problem, up to three", () => {
    expect(reasonFor(project({ id: undefined }))).toEqual({
      ok: false,
      externalId: "(unknown)",
      reason: "id is missing",
    });
    expect(reasonFor(project({ id: "  " })).reason).toBe("id is empty");
    expect(reasonFor(project({ id: "../admin" }))).toMatchObject({
      externalId: "../admin",
      reason: expect.stringMatching(/^id is not a valid id \(letters, digits/),
    });
    expect(reasonFor(project({ id: "P1", status: "x", updated_at: 1, type: undefined, title: 3 })).reason).toBe(
      'type is missing; title is not text; status is not a project status ("x") (and 1 more)',
    );
  });

  it("refuses what is not an object", () => {
    for (const raw of [null, "P1", 3, [project()]]) {
      expect(mapProject(raw)).toEqual({
        ok: false,
        externalId: "(unknown)",
        reason: "the project is not a JSON object",
      });
    }
  });

  it("accepts a numeric id as text and fills a missing title, customer name and people", () => {
    const record = mapped({ id: 4711, title: null, customer_name: undefined, people: null, phone: undefined });
    expect(record).toMatchObject({ id: "4711", title: "(no title)", customerName: "", people: [], phone: null });
  });

  it("bounds long text without splitting a character", () => {
    const record = mapped({
      title: `${"x".repeat(PROJECT_LIMITS.title - 1)}😀tail`,
      customer_name: "名".repeat(300),
      fault: "f".repeat(5000),
    });
    expect(record.title).toBe("x".repeat(PROJECT_LIMITS.title - 1));
    expect(record.customerName).toBe("名".repeat(PROJECT_LIMITS.customerName));
    expect(record.fields.fault).toHaveLength(PROJECT_LIMITS.fault);
  });

  it("removes NUL characters, which the database cannot store", () => {
    expect(mapped({ title: "Repair\u0000 job" }).title).toBe("Repair job");
  });

  it("takes any person id that fits, numbers included", () => {
    const people = [
      { role: "customer", id: "wx:o6_bmjrPTlm6", name: "Wang Wei" },
      { role: "salesman", id: 42, name: "Zhao Min" },
    ];
    expect(mapped({ people }).people.map((p) => p.id)).toEqual(["wx:o6_bmjrPTlm6", "42"]);
  });

  it("skips people with a role it does not know, and keeps at most the limit", () => {
    const people = [
      { role: "manager", id: "M1", name: "Boss" },
      ...Array.from({ length: PROJECT_LIMITS.people + 5 }, (_, i) => ({
        role: "engineer",
        id: `E${i}`,
        name: `E ${i}`,
      })),
    ];
    const record = mapped({ people });
    expect(record.people).toHaveLength(PROJECT_LIMITS.people);
    expect(record.people[0]).toEqual({ role: "engineer", id: "E0", name: "E 0", phone: null, email: null });
  });

  it("never throws, whatever it is given", () => {
    const weird: unknown[] = [undefined, {}, { id: {} }, { id: "P1", people: [1, 2] }, Object.create(null)];
    for (const raw of weird) expect(mapProject(raw).ok).toBe(false);
  });
});

describe("normalizePhone", () => {
  it.each([
    ["+86 138-0013-8000", "+8613800138000"],
    [" (010) 6552 9988 ", "01065529988"],
    ["138 0013 8000", "13800138000"],
    [13800138000, "13800138000"],
    ["", null],
    ["  ", null],
    ["n/a", null],
    [null, null],
    [undefined, null],
    ["1".repeat(33), null],
    [{ number: "138" }, null],
  ])("%j → %j", (input, output) => {
    expect(normalizePhone(input)).toBe(output);
  });
});

describe("normalizeEmail", () => {
  it.each([
    [" Wang.Wei@Example.COM ", "wang.wei@example.com"],
    ["not an address", null],
    ["", null],
    [null, null],
    [42, null],
  ])("%j → %j", (input, output) => {
    expect(normalizeEmail(input)).toBe(output);
  });
});
