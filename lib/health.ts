import "server-only";
import { databaseKind, pingDatabase } from "./db";
import { getEnv } from "./env";
import { proxyReport } from "./http/client-ip";

/** GET /api/health: whether the database answers, which engines run, and how client addresses are read. */
export async function healthReport(headers: Headers) {
  const database = await pingDatabase();
  return {
    status: database ? "ok" : "degraded",
    database: { ok: database, kind: database ? await databaseKind() : null },
    jobs: { driver: getEnv().JOB_DRIVER },
    proxy: proxyReport(headers),
    time: new Date().toISOString(),
  };
}
