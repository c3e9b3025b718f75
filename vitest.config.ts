import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // The marker package throws outside React Server Components; tests run server code directly.
      "server-only": path.resolve(import.meta.dirname, "test/server-only-stub.ts"),
    },
  },
  test: {
    include: ["{lib,app,db,inngest,scripts,test,components}/**/*.test.{ts,tsx}"],
    globalSetup: ["test/global-setup.ts"],
    setupFiles: ["test/setup-env.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: "forks",
    // next-auth imports `next/server` without an extension, which Node's ESM resolver rejects; let Vite
    // resolve it, so route handlers (which import the Auth.js config) load in tests.
    server: { deps: { inline: ["next-auth"] } },
  },
});
