import fs from "node:fs";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, inject } from "vitest";
import { openDatabase, type OpenDatabase } from "@/db/client";
import { closeDb, installDatabase } from "@/lib/db";
import { settleJobs } from "@/lib/jobs/outbox";
import { adminQuery, withDatabase } from "./global-setup";

/**
 * Gives the calling test file its own freshly migrated database (an in-memory PGlite clone, or a
 * Postgres database created from the migrated template when DATABASE_URL is set).
 */
export function withTestDatabase(): { kind: () => OpenDatabase["kind"] } {
  let opened: OpenDatabase | undefined;
  let pgName: string | undefined;
  beforeAll(async () => {
    const template = inject("pgTemplate");
    const url = process.env.DATABASE_URL;
    if (template && url) {
      pgName = `servicehub_test_${randomBytes(6).toString("hex")}`;
      await createFromTemplate(url, pgName, template);
      opened = await openDatabase({ url: withDatabase(url, pgName), poolSize: 25 });
    } else {
      const image = new Blob([fs.readFileSync(inject("pgliteImage"))]);
      opened = await openDatabase({ pgliteImage: image });
    }
    installDatabase(opened);
  });
  afterAll(async () => {
    await settleJobs();
    await closeDb();
    if (pgName && process.env.DATABASE_URL)
      await adminQuery(process.env.DATABASE_URL, `drop database if exists ${pgName} with (force)`);
  });
  return { kind: () => opened!.kind };
}

async function createFromTemplate(url: string, name: string, template: string) {
  // Two files cloning the template at the same instant can collide; a short retry settles it.
  for (let attempt = 0; ; attempt++) {
    try {
      await adminQuery(url, `create database ${name} template ${template}`);
      return;
    } catch (e) {
      if (attempt >= 10) throw e;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 300));
    }
  }
}
