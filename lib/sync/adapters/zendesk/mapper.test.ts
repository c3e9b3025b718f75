import { describe, expect, it } from "vitest";
import { mapTicket, userNames, ZENDESK_STATUSES } from "./mapper";

const API = "https://acme.zendesk.com";
const USERS = new Map([
  [10, "Bo Agent"],
  [20, "Cy Customer"],
]);

function ticket(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    url: `${API}/api/v2/tickets/4711.json`,
    id: 4711,
    subject: "Printer on fire",
    description: "The fire is very colourful.\r\nPlease come.",
    status: "open",
    priority: "high",
    type: "incident",
    assignee_id: 10,
    requester_id: 20,
    due_at: null,
    created_at: "2024-03-01T08:00:00Z",
    updated_at: "2024-03-02T09:30:15Z",
    tags: ["fire"],
    custom_fields: [{ id: 1, value: "x" }],
    ...overrides,
  };
}

function mapped(overrides: Record<string, unknown> = {}, users: ReadonlyMap<number, string> = USERS) {
  const result = mapTicket(ticket(overrides), users, API);
  if (!result.ok) throw new Error(`expected a mapped ticket, got: ${result.reason}`);
  return result.record;
}

describe("mapTicket", () => {
  it("maps a ticket to our work order, keeping the record as received", () => {
    const raw = ticket();
    const result = mapTicket(raw, USERS, `${API}/`);
    expect(result).toEqual({
      ok: true,
      record: {
        externalId: "4711",
        externalKey: "#4711",
        externalUrl: "https://acme.zendesk.com/agent/tickets/4711",
        title: "Printer on fire",
        description: "The fire is very colourful.\nPlease come.",
        status: "in_progress",
        rawStatus: "open",
        priority: "high",
        rawPriority: "high",
        assignee: "Bo Agent",
        requester: "Cy Customer",
        dueAt: null,
        externalCreatedAt: new Date("2024-03-01T08:00:00Z"),
        externalUpdatedAt: new Date("2024-03-02T09:30:15Z"),
        deleted: false,
        raw,
      },
    });
    expect(result.ok && result.record.raw).toBe(raw);
  });

  it.each([
    ["new", "open", false],
    ["open", "in_progress", false],
    ["pending", "waiting", false],
    ["hold", "waiting", false],
    ["solved", "resolved", false],
    ["closed", "closed", false],
    ["deleted", "closed", true],
  ] as const)("maps status %s to %s (deleted: %s)", (raw, ours, deleted) => {
    const record = mapped({ status: raw });
    expect(record).toMatchObject({ status: ours, rawStatus: raw, deleted });
  });

  it("covers every Zendesk status", () => {
    for (const status of ZENDESK_STATUSES) expect(mapTicket(ticket({ status }), USERS, API).ok).toBe(true);
  });

  it.each(["urgent", "high", "normal", "low"] as const)("keeps priority %s", (priority) => {
    expect(mapped({ priority })).toMatchObject({ priority, rawPriority: priority });
  });

  it("maps no priority to null, and keeps a priority it does not know beside a null", () => {
    expect(mapped({ priority: null })).toMatchObject({ priority: null, rawPriority: null });
    expect(mapped({ priority: undefined })).toMatchObject({ priority: null, rawPriority: null });
    expect(mapped({ priority: "critical" })).toMatchObject({ priority: null, rawPriority: "critical" });
  });

  it("says (no subject) for a missing or blank subject", () => {
    expect(mapped({ subject: null }).title).toBe("(no subject)");
    expect(mapped({ subject: "   " }).title).toBe("(no subject)");
    expect(mapped({ subject: undefined, description: undefined })).toMatchObject({
      title: "(no subject)",
      description: "",
    });
  });

  it("leaves assignee and requester null when unset or not among the known users", () => {
    expect(mapped({ assignee_id: null, requester_id: 999 })).toMatchObject({ assignee: null, requester: null });
    expect(mapped({}, new Map())).toMatchObject({ assignee: null, requester: null });
  });

  it("reads the due date", () => {
    expect(mapped({ due_at: "2024-04-01T12:00:00Z" }).dueAt).toEqual(new Date("2024-04-01T12:00:00Z"));
  });

  it.each([
    [ticket({ status: "escalated" }), "4711", /^status is not a Zendesk status \("escalated"\)$/],
    [ticket({ id: undefined }), "(unknown)", /^id is missing$/],
    [ticket({ id: "4711" }), "4711", /^id is not a number$/],
    [ticket({ updated_at: "yesterday" }), "4711", /^updated_at is not a date$/],
    [ticket({ created_at: undefined, subject: 42 }), "4711", /subject is not text; created_at is missing/],
    [ticket({ assignee_id: 1.5 }), "4711", /^assignee_id is not a whole number$/],
    ["just text", "(unknown)", /^the ticket is not a JSON object$/],
    [null, "(unknown)", /^the ticket is not a JSON object$/],
    [[ticket()], "(unknown)", /^the ticket is not a JSON object$/],
  ])("reports an invalid record instead of throwing (%#)", (raw, externalId, reason) => {
    const result = mapTicket(raw, USERS, API);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.externalId).toBe(externalId);
    expect(result.reason).toMatch(reason);
    expect(result.reason.length).toBeLessThan(200);
  });
});

describe("userNames", () => {
  it("reads names by id and skips entries that are not users", () => {
    const names = userNames([{ id: 1, name: "Ada", email: "a@example.com" }, { id: "2", name: "Bo" }, null, { id: 3 }]);
    expect([...names]).toEqual([[1, "Ada"]]);
  });
});
