import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { endpoints, openApiDocument } from "./openapi";

/** Every exported method of every route file under app/api, as "get /api/tickets/{id}". */
function routesInCode(): string[] {
  const root = path.join(process.cwd(), "app", "api");
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "route.ts") {
        const rel = path.relative(path.join(process.cwd(), "app"), dir).split(path.sep);
        if (rel[1] === "auth" || rel[1] === "inngest") continue; // framework endpoints, not ours to describe
        const urlPath = "/" + rel.map((s) => s.replace(/^\[(\w+)\]$/, "{$1}")).join("/");
        const source = fs.readFileSync(full, "utf8");
        for (const m of source.matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g))
          found.push(`${m[1]!.toLowerCase()} ${urlPath}`);
      }
    }
  };
  walk(root);
  return found.sort();
}

describe("the OpenAPI document", () => {
  it("describes exactly the routes the code serves", () => {
    // Seed 000's paths end in a slash (both spellings are served); the folder path has none.
    expect(endpoints.map((e) => `${e.method} ${e.path.replace(/\/$/, "")}`).sort()).toEqual(routesInCode());
  });

  it("is a valid-looking OpenAPI 3.1 document with schemas from zod", () => {
    const doc = openApiDocument("http://localhost:3000");
    expect(doc.openapi).toBe("3.1.0");
    const booking = doc.paths["/api/public/booking"]!.post as {
      requestBody: { content: Record<string, { schema: { properties: object } }> };
    };
    expect(Object.keys(booking.requestBody.content["application/json"]!.schema.properties)).toContain(
      "appointment_slot",
    );
    const list = doc.paths["/api/tickets"]!.get as { parameters: { name: string }[] };
    expect(list.parameters.map((p) => p.name)).toEqual(
      expect.arrayContaining(["status", "date_from", "date_to", "q", "page"]),
    );
  });
});
