import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import type { TestProject } from "vitest/node";
import { openDatabase } from "@/db/client";

/**
 * Migrates once per run: on PGlite, a migrated data folder is dumped to a file that each test file
 * loads into its own in-memory instance; on Postgres (DATABASE_URL set), a migrated template database
 * from which each test file creates its own database. Migrating per test would cost seconds each.
 */
export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (url) {
    const template = `servicehub_test_tpl_${process.pid}`;
    await adminQuery(url, `drop database if exists ${template}`);
    await adminQuery(url, `create database ${template}`);
    const opened = await openDatabase({ url: withDatabase(url, template), migrate: true, poolSize: 1 });
    await opened.close();
    project.provide("pgTemplate", template);
    project.provide("pgliteImage", "");
    return async () => {
      await adminQuery(url, `drop database if exists ${template}`);
    };
  }
  const opened = await openDatabase({ dataDir: "memory://", migrate: true });
  // drizzle keeps the client at $client; dump it as a gzip'd tarball.
  const client = (opened.db as unknown as { $client: PGlite }).$client;
  const image = await client.dumpDataDir("gzip");
  const file = path.join(os.tmpdir(), `servicehub-pglite-${process.pid}.tar.gz`);
  fs.writeFileSync(file, Buffer.from(await image.arrayBuffer()));
  await opened.close();
  project.provide("pgTemplate", "");
  project.provide("pgliteImage", file);
  return () => fs.rmSync(file, { force: true });
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function adminQuery(url: string, statement: string) {
  const { default: postgres } = await import("postgres");
  const sql = postgres(withDatabase(url, "postgres"), { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe(statement);
  } finally {
    await sql.end();
  }
}

declare module "vitest" {
  export interface ProvidedContext {
    pgTemplate: string;
    pgliteImage: string;
  }
}
