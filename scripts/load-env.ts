import nextEnv from "@next/env";

const { loadEnvConfig } = nextEnv;

/** Scripts see the same .env files `next` loads (.env, .env.local, .env.<mode>…), before lib/env reads them. */
export function loadProjectEnv(dev = process.env.NODE_ENV !== "production") {
  loadEnvConfig(process.cwd(), dev, { info: () => {}, error: console.error });
}
