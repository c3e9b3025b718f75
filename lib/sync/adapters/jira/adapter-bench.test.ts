import { describe, expect, it } from "vitest";
import { fakeJiraConnection, generateIssues, startFakeJira } from "@/test/fakes/jira-server";
import { createJiraAdapter } from "./adapter";

/**
 * Opt-in (JIRA_BENCH=1): a full pull of 100,000 issues through the adapter and the fake, to see what
 * the adapter's side of a large first sync costs (HTTP, JSON, mapping) without a database.
 */
describe.skipIf(!process.env.JIRA_BENCH)("Jira adapter benchmark", () => {
  it("pulls 100,000 issues", { timeout: 300_000 }, async () => {
    const fake = await startFakeJira({ now: "2024-06-01T00:00:00Z" });
    try {
      fake.state.addIssues(generateIssues(100_000, { start: "2023-01-01T00:00:00Z" }));
      const adapter = createJiraAdapter(fakeJiraConnection(fake));
      const started = performance.now();
      let items = 0;
      let pages = 0;
      for await (const page of adapter.pull({ cursor: null, signal: new AbortController().signal })) {
        items += page.items.filter((i) => i.ok).length;
        pages++;
      }
      const ms = performance.now() - started;
      console.log(
        `Jira pull: ${items} issues, ${pages} pages, ${Math.round(ms)} ms, ${Math.round(items / (ms / 1000))} issues/s`,
      );
      expect(items).toBe(100_000);
      expect(pages).toBe(1000);
    } finally {
      await fake.close();
    }
  });
});
