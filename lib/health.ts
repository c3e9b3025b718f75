import "server-only";
import { databaseKind, pingDatabase } from "./db";
import { getEnv } from "./env";

/** GET /api/health: whether the database answers and which engines run. */
export async function healthReport() {
  const database = await pingDatabase();
  return {
    status: database ? "ok" : "degraded",
    database: { ok: database, kind: database ? await databaseKind() : null },
    jobs: { driver: getEnv().JOB_DRIVER },
    time: new Date().toISOString(),
  };
}
