/**
 * The benchmark's remote: the fake Jira (test/fakes/jira-server.ts) with N generated issues, in its own
 * process so its memory and CPU are not the sync's. Prints `READY <url>` when it serves; on an IPC
 * message `{ edit: n }` it edits n distinct issues (their `updated` moves to the fake's clock, one hour
 * later) and answers `{ edited: n }`.
 */
import { generateIssues, startFakeJira } from "@/test/fakes/jira-server";

const issues = Number(process.argv[2] ?? 100_000);
const start = Date.parse("2025-01-01T00:00:00Z");
const fake = await startFakeJira({ now: start + issues * 1000 + 60_000 });
fake.state.addIssues(generateIssues(issues, { start: new Date(start), stepMs: 1000 }));
process.stdout.write(`READY ${fake.url}\n`);

process.on("message", (msg: { edit?: number }) => {
  if (typeof msg.edit !== "number") return;
  fake.state.advance(3_600_000);
  // Every k-th issue, so edits spread over the whole set (not only the newest pages).
  const step = Math.max(1, Math.floor(issues / msg.edit));
  let edited = 0;
  for (let i = 1; i <= issues && edited < msg.edit; i += step, edited++) {
    fake.state.editIssue(`OPS-${i}`, { summary: `Edited ${i}: follow-up visit` });
  }
  process.send?.({ edited });
});
process.on("disconnect", () => void fake.close().then(() => process.exit(0)));
