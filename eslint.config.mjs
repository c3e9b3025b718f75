import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

// docs/architecture.md: imports flow one way, app | inngest | scripts → lib → db.
// Pages, handlers, components and Inngest functions reach data only through lib/<domain> services.
const dataLayer = [
  { group: ["@/db", "@/db/*", "**/db/*"], message: "Only lib/ may import db/. Call a service in lib/<domain>." },
  { group: ["drizzle-orm", "drizzle-orm/*", "postgres", "@electric-sql/pglite", "@electric-sql/pglite/*"], message: "Only lib/ and db/ talk to the database." },
];
const upperLayers = [
  { group: ["@/app", "@/app/*", "@/components", "@/components/*", "@/inngest", "@/inngest/*", "@/scripts", "@/scripts/*"], message: "lib/ and db/ must not import the layers above them." },
];

const config = [
  { ignores: [".next*/**", "node_modules/**", "data/**", "next-env.d.ts", "bench/**", "test-results/**", "playwright-report/**"] },
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    files: ["app/**", "components/**", "inngest/**"],
    rules: { "no-restricted-imports": ["error", { patterns: dataLayer }] },
  },
  {
    files: ["lib/**"],
    rules: { "no-restricted-imports": ["error", { patterns: upperLayers }] },
  },
  {
    files: ["db/**"],
    rules: {
      // The one exception: lib/tickets/enums.ts imports nothing, and the table definitions share its lists with client code.
      "no-restricted-imports": ["error", { patterns: [...upperLayers, { regex: "^(@/|(\\.\\./)+)lib(/(?!tickets/enums$)|$)", message: "db/ is the bottom layer: it must not import lib/ (only the import-free lib/tickets/enums)." }] }],
    },
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
];
export default config;
