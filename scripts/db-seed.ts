/** `npm run db:seed`: idempotent demo data (centers, technicians, one user per role, tickets in every state). */
import { loadProjectEnv } from "./load-env";

loadProjectEnv();
const { shutdownApp } = await import("@/lib/shutdown");
const { seedDemoData, demoAccounts, DEMO_PASSWORD } = await import("@/lib/demo-data/seed");
try {
  await seedDemoData((line) => console.log(line));
  console.log(`Demo logins (password "${DEMO_PASSWORD}"): ${demoAccounts.map((a) => a.email).join(", ")}`);
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
} finally {
  await shutdownApp();
}
