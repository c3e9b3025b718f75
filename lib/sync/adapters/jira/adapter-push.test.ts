import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fakeJiraConnection, startFakeJira, type FakeJira } from "@/test/fakes/jira-server";
import { RemoteError } from "@/lib/sync/remote-http";
import { createJiraAdapter } from "./adapter";

let fake: FakeJira;

beforeEach(async () => {
  fake = await startFakeJira({ now: "2024-03-01T12:00:00Z" });
});
afterEach(async () => {
  await fake.close();
});

const adapter = () => createJiraAdapter(fakeJiraConnection(fake));

describe("status options", () => {
  it("lists the statuses the workflow allows now, with the transition's name when it differs", async () => {
    const todo = fake.state.addIssue({ key: "OPS-1", status: "To Do" });
    const doing = fake.state.addIssue({ key: "OPS-2", status: "In Progress" });
    const done = fake.state.addIssue({ key: "OPS-3", status: "Done" });
    expect(await adapter().statusOptions(todo.id)).toEqual([
      { value: "In Progress", label: "In Progress (Start Progress)" },
    ]);
    expect(await adapter().statusOptions(doing.id)).toEqual([{ value: "Done", label: "Done" }]);
    expect(await adapter().statusOptions(done.id)).toEqual([{ value: "To Do", label: "To Do (Reopen)" }]);
  });

  it("says so when the issue is gone", async () => {
    await expect(adapter().statusOptions("99999")).rejects.toMatchObject({ kind: "not_found" });
  });
});

describe("pushUpdate", () => {
  it("moves the issue through the matching transition and returns it as Jira now has it", async () => {
    const issue = fake.state.addIssue({ key: "OPS-1", status: "To Do", updated: "2024-02-01T00:00:00Z" });
    fake.state.advance(60_000);
    const a = adapter();
    const record = await a.pushUpdate(issue.id, { status: "in progress" });

    expect(fake.state.getIssue("OPS-1")!.status).toBe("In Progress");
    expect(record).toMatchObject({
      externalId: issue.id,
      externalKey: "OPS-1",
      status: "in_progress",
      rawStatus: "In Progress",
      externalUpdatedAt: new Date("2024-03-01T12:01:00Z"),
    });
    expect(fake.state.requests).toMatchObject({ transitions: 2, issue: 1, comment: 0 });
    expect(a.requestCount()).toBe(3);
  });

  it("adds a comment as an ADF document", async () => {
    const issue = fake.state.addIssue({ key: "OPS-1" });
    const record = await adapter().pushUpdate(issue.id, { comment: "Replaced the valve.\nInvoice follows." });

    expect(fake.state.getIssue("OPS-1")!.comments.map((c) => c.body)).toEqual([
      {
        version: 1,
        type: "doc",
        content: [
          { type: "paragraph", content: [{ type: "text", text: "Replaced the valve." }] },
          { type: "paragraph", content: [{ type: "text", text: "Invoice follows." }] },
        ],
      },
    ]);
    expect(record.externalKey).toBe("OPS-1");
    expect(fake.state.requests.transitions).toBe(0);
  });

  it("does both in one push: the move first, then the comment", async () => {
    const issue = fake.state.addIssue({ key: "OPS-1", status: "In Progress" });
    const record = await adapter().pushUpdate(issue.id, { status: "Done", comment: "Closed on site" });
    expect(record).toMatchObject({ status: "resolved", rawStatus: "Done" });
    expect(fake.state.getIssue("OPS-1")!.comments).toHaveLength(1);
  });

  it("refuses a status the workflow does not allow now, naming the issue and the choices", async () => {
    const issue = fake.state.addIssue({ key: "OPS-1", status: "To Do" });
    const error = await adapter()
      .pushUpdate(issue.id, { status: "Done", comment: "not sent" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RemoteError);
    expect(error).toMatchObject({
      kind: "bad_request",
      message: "Jira does not allow moving OPS-1 to Done now; allowed: In Progress",
    });
    const after = fake.state.getIssue("OPS-1")!;
    expect(after.status).toBe("To Do");
    expect(after.comments).toHaveLength(0);
  });

  it("treats a move to the status the issue already has as done (a retried push)", async () => {
    const issue = fake.state.addIssue({ key: "OPS-1", status: "In Progress" });
    const record = await adapter().pushUpdate(issue.id, { status: "In Progress" });
    expect(record).toMatchObject({ status: "in_progress" });
    expect(fake.state.requests.transitions).toBe(1); // the look, no move
  });

  it("checks the transitions again at push time, not the options shown earlier", async () => {
    const issue = fake.state.addIssue({ key: "OPS-1", status: "To Do" });
    const a = adapter();
    // Someone else moves it between our look at the transitions and our move.
    const options = await a.statusOptions(issue.id);
    expect(options.map((o) => o.value)).toEqual(["In Progress"]);
    fake.state.editIssue("OPS-1", { status: "Done" });
    const error = await a.pushUpdate(issue.id, { status: "In Progress" }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "bad_request", message: expect.stringMatching(/allowed: To Do/) });
  });
});
