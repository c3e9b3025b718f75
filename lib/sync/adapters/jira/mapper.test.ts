import { describe, expect, it } from "vitest";
import { issueUpdatedAt, mapIssue, parseJiraDate, parseJiraDateTime } from "./mapper";

const API = "https://acme.atlassian.net";

function issue(fields: Record<string, unknown> = {}, top: Record<string, unknown> = {}) {
  return {
    id: "10042",
    key: "OPS-42",
    self: `${API}/rest/api/3/issue/10042`,
    fields: {
      summary: "Lift stuck on floor 3",
      description: {
        version: 1,
        type: "doc",
        content: [{ type: "paragraph", content: [{ type: "text", text: "Doors do not open." }] }],
      },
      status: { name: "In Progress", id: "3", statusCategory: { id: 4, key: "indeterminate", name: "In Progress" } },
      priority: { name: "High", id: "2" },
      assignee: { accountId: "a1", displayName: "Li Wei" },
      reporter: { accountId: "a2", displayName: "Front Desk" },
      duedate: "2024-01-20",
      created: "2024-01-15T10:30:00.000+0800",
      updated: "2024-01-16T09:05:07.123+0800",
      ...fields,
    },
    ...top,
  };
}

describe("mapIssue", () => {
  it("maps every field we keep", () => {
    const raw = issue();
    const result = mapIssue(raw, `${API}/`);
    expect(result).toEqual({
      ok: true,
      record: {
        externalId: "10042",
        externalKey: "OPS-42",
        externalUrl: "https://acme.atlassian.net/browse/OPS-42",
        title: "Lift stuck on floor 3",
        description: "Doors do not open.",
        status: "in_progress",
        rawStatus: "In Progress",
        priority: "high",
        rawPriority: "High",
        assignee: "Li Wei",
        requester: "Front Desk",
        dueAt: new Date("2024-01-20T00:00:00.000Z"),
        externalCreatedAt: new Date("2024-01-15T02:30:00.000Z"),
        externalUpdatedAt: new Date("2024-01-16T01:05:07.123Z"),
        deleted: false,
        raw,
      },
    });
  });

  it("maps the status through its category, whatever the status is called", () => {
    const cases: [string, string, string][] = [
      ["Backlog", "new", "open"],
      ["Waiting for customer", "indeterminate", "in_progress"],
      ["Erledigt", "done", "resolved"],
      ["Legacy", "undefined", "open"],
    ];
    for (const [name, key, expected] of cases) {
      const r = mapIssue(issue({ status: { name, statusCategory: { key } } }), API);
      expect(r.ok && r.record.status).toBe(expected);
      expect(r.ok && r.record.rawStatus).toBe(name);
    }
  });

  it("maps Jira's default priorities and keeps any other name raw", () => {
    const cases: [unknown, string | null, string | null][] = [
      [{ name: "Highest" }, "urgent", "Highest"],
      [{ name: "High" }, "high", "High"],
      [{ name: "Medium" }, "normal", "Medium"],
      [{ name: "Low" }, "low", "Low"],
      [{ name: "Lowest" }, "low", "Lowest"],
      [{ name: "Blocker" }, null, "Blocker"],
      [null, null, null],
    ];
    for (const [priority, expected, raw] of cases) {
      const r = mapIssue(issue({ priority }), API);
      expect(r.ok && [r.record.priority, r.record.rawPriority]).toEqual([expected, raw]);
    }
  });

  it("accepts absent optional fields and a v2-style string description", () => {
    const r = mapIssue(
      issue({
        description: "plain text",
        assignee: null,
        reporter: undefined,
        duedate: null,
        priority: undefined,
        created: undefined,
      }),
      API,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.record).toMatchObject({
      description: "plain text",
      assignee: null,
      requester: null,
      dueAt: null,
      priority: null,
      externalCreatedAt: null,
    });
    const noDescription = mapIssue(issue({ description: null }), API);
    expect(noDescription.ok && noDescription.record.description).toBe("");
  });

  it("turns a record it cannot read into a short reason instead of throwing", () => {
    const noStatus = mapIssue(issue({ status: undefined }), API);
    expect(noStatus).toEqual({
      ok: false,
      externalId: "10042",
      reason: expect.stringContaining("fields.status: missing"),
    });

    const badUpdated = mapIssue(issue({ updated: "yesterday" }), API);
    expect(badUpdated.ok).toBe(false);
    expect(!badUpdated.ok && badUpdated.reason).toMatch(/fields\.updated: not a Jira timestamp/);

    const badDue = mapIssue(issue({ duedate: "2024-02-30" }), API);
    expect(!badDue.ok && badDue.reason).toMatch(/fields\.duedate/);

    const noId = mapIssue({ key: "OPS-7", fields: {} }, API);
    expect(noId.ok).toBe(false);
    expect(!noId.ok && noId.externalId).toBe("OPS-7");
    expect(!noId.ok && noId.reason.length).toBeLessThan(300);

    for (const odd of [null, 5, "x", [], { id: 1 }]) {
      const r = mapIssue(odd, API);
      expect(r.ok).toBe(false);
    }
  });
});

describe("Jira timestamps and dates", () => {
  it("reads Jira's offset without a colon, with or without milliseconds", () => {
    expect(parseJiraDateTime("2024-01-15T10:30:00.000+0800")?.toISOString()).toBe("2024-01-15T02:30:00.000Z");
    expect(parseJiraDateTime("2024-01-15T10:30:00.000-0330")?.toISOString()).toBe("2024-01-15T14:00:00.000Z");
    expect(parseJiraDateTime("2024-01-15T10:30:00+05:30")?.toISOString()).toBe("2024-01-15T05:00:00.000Z");
    expect(parseJiraDateTime("2024-01-15T10:30:00.123456Z")?.toISOString()).toBe("2024-01-15T10:30:00.123Z");
    for (const bad of ["2024-01-15", "2024-01-15 10:30", "2024-13-45T10:30:00.000+0800", "", "nonsense"]) {
      expect(parseJiraDateTime(bad)).toBeNull();
    }
  });

  it("reads a due date as that day at 00:00 UTC", () => {
    expect(parseJiraDate("2024-02-29")?.toISOString()).toBe("2024-02-29T00:00:00.000Z");
    expect(parseJiraDate("2023-02-29")).toBeNull();
    expect(parseJiraDate("2024-2-1")).toBeNull();
  });

  it("finds `updated` even on an issue that cannot be mapped", () => {
    expect(issueUpdatedAt({ id: "1", fields: { updated: "2024-01-15T10:30:00.000+0800" } })?.toISOString()).toBe(
      "2024-01-15T02:30:00.000Z",
    );
    expect(issueUpdatedAt({ id: "1" })).toBeNull();
    expect(issueUpdatedAt(null)).toBeNull();
  });
});
