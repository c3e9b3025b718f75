import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { clientEntryFiles, findServerOnlyImports, runtimeImports } from "./client-imports";

const root = path.resolve(import.meta.dirname, "..");

/**
 * A client component ships to the browser with everything it imports at run time. A status list read
 * from db/schema would drag drizzle (and, through `server-only` modules, secrets-reading code) into the
 * bundle, or break the build; the shared vocabulary lives in browser-safe modules (lib/tickets/enums.ts).
 */
describe("client components import no server-only module", () => {
  it("finds the client components to check", () => {
    const entries = clientEntryFiles(root);
    expect(entries).toContain("app/(public)/booking/booking-form.tsx");
    expect(entries).toContain("components/jobs/my-jobs-board.tsx");
  });

  it("reaches no db/, drizzle, database driver, node: builtin or `server-only` module from any client file", () => {
    const problems = findServerOnlyImports(root, clientEntryFiles(root));
    expect(problems.map((p) => p.chain.join(" → "))).toEqual([]);
  });

  it("catches a client file that reaches db/schema through a lib module (the old booking form)", () => {
    const dir = fs.mkdtempSync(path.join(root, "test/.client-imports-"));
    try {
      const rel = (f: string) => path.relative(root, path.join(dir, f));
      fs.writeFileSync(path.join(dir, "form.tsx"), `"use client";\nimport { list } from "./schemas";\n`);
      fs.writeFileSync(path.join(dir, "schemas.ts"), `import { ticketStatuses } from "@/db/schema";\nexport const list = 1;\n`);
      const problems = findServerOnlyImports(root, [rel("form.tsx")]);
      expect(problems).toEqual([{ chain: [rel("form.tsx"), rel("schemas.ts"), "@/db/schema"] }]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("ignores type-only imports and stops at server actions, which the browser calls by reference", () => {
    const source = [
      `import type { TicketDto } from "@/lib/tickets/dto";`,
      `import { type A, type B } from "@/db/schema";`,
      `import { startTicketAction } from "@/app/admin/my-jobs/actions";`,
      `export { thing } from "./thing";`,
      `import "./side-effect";`,
      `const lazy = () => import("./lazy");`,
    ].join("\n");
    expect(runtimeImports(source)).toEqual(["@/app/admin/my-jobs/actions", "./thing", "./side-effect", "./lazy"]);
  });
});
