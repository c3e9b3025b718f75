import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
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

/**
 * A database that a child process can open too, for tests that kill a worker mid-run: a Postgres
 * database of its own (from the migrated template) when DATABASE_URL is set, else a PGlite data folder
 * on disk (PGlite allows one process at a time: `close()` before the child starts, `open()` after).
 */
export function withSharedDatabase() {
  let url: string | undefined;
  let dataDir: string | undefined;
  let pgName: string | undefined;
  const open = async () => {
    installDatabase(url ? await openDatabase({ url, poolSize: 5 }) : await openDatabase({ dataDir: dataDir!, migrate: true }));
  };
  beforeAll(async () => {
    const template = inject("pgTemplate");
    const base = process.env.DATABASE_URL;
    if (template && base) {
      pgName = `servicehub_test_${randomBytes(6).toString("hex")}`;
      await createFromTemplate(base, pgName, template);
      url = withDatabase(base, pgName);
    } else {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "servicehub-shared-db-")) + "/pglite";
    }
    await open();
  });
  afterAll(async () => {
    await settleJobs();
    await closeDb();
    if (pgName && process.env.DATABASE_URL) await adminQuery(process.env.DATABASE_URL, `drop database if exists ${pgName} with (force)`);
    if (dataDir) fs.rmSync(path.dirname(dataDir), { recursive: true, force: true });
  });
  return {
    /** What the child process needs to open the same database. */
    childEnv: (): Record<string, string> => (url ? { DATABASE_URL: url } : { PGLITE_DATA_DIR: dataDir! }),
    /** PGlite: hand the database to the child. Postgres: nothing to do (both may connect). */
    release: async () => {
      if (!url) await closeDb();
    },
    /** PGlite: take the database back after the child is gone. */
    reopen: async () => {
      if (!url) await open();
    },
  };
}
