/**
 * Walks the run-time import graph of client components ("use client" files) to find what would end up
 * in the browser bundle. Used by client-imports.test.ts.
 */
import fs from "node:fs";
import path from "node:path";

const SOURCE_DIRS = ["app", "components", "lib"];
const EXTENSIONS = [".ts", ".tsx", "/index.ts", "/index.tsx"];
/** Packages that only run on the server (or need a database or Node's built-ins). */
const SERVER_PACKAGES = [/^drizzle-orm(\/|$)/, /^postgres$/, /^@electric-sql\/pglite/, /^sharp$/, /^node:/, /^server-only$/];

const directive = (source: string, name: string) =>
  new RegExp(`^(?:\\s*(?://[^\\n]*|/\\*[\\s\\S]*?\\*/))*\\s*["']${name}["']`).test(source);

/** Every file under app/, components/ and lib/ that starts with "use client". */
export function clientEntryFiles(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(rel);
      else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) {
        if (directive(fs.readFileSync(path.join(root, rel), "utf8"), "use client")) found.push(rel);
      }
    }
  };
  for (const dir of SOURCE_DIRS) walk(dir);
  return found.sort();
}

/** The specifiers a module imports at run time: `import type` and all-`type` named imports are erased. */
export function runtimeImports(source: string): string[] {
  const specifiers: string[] = [];
  const statement = /(?:^|\n)\s*(import|export)\s+([^;'"]*?)\s*(?:from\s*)?["']([^"']+)["']/g;
  for (const m of source.matchAll(statement)) {
    const clause = m[2]!.trim();
    if (m[1] === "export" && !/\bfrom$|^\*|^\{/.test(clause) && clause !== "") continue;
    if (/^type\b/.test(clause)) continue;
    const named = clause.match(/^\{([^}]*)\}$/);
    if (named && named[1]!.split(",").every((s) => !s.trim() || /^type\s/.test(s.trim()))) continue;
    specifiers.push(m[3]!);
  }
  for (const m of source.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)) specifiers.push(m[1]!);
  return specifiers;
}

function resolveLocal(root: string, from: string, specifier: string): string | null {
  const base = specifier.startsWith("@/")
    ? path.join(root, specifier.slice(2))
    : specifier.startsWith(".")
      ? path.resolve(path.dirname(path.join(root, from)), specifier)
      : null;
  if (!base) return null;
  for (const candidate of [base, ...EXTENSIONS.map((ext) => base + ext)]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return path.relative(root, candidate);
  }
  return null;
}

/**
 * Every import chain from a client file to a server-only module: a file under db/, a package from
 * SERVER_PACKAGES, or a module that imports "server-only". A "use server" module ends the walk: the
 * browser gets a reference to its actions, not its code.
 */
export function findServerOnlyImports(root: string, entries: string[]): { chain: string[] }[] {
  const problems: { chain: string[] }[] = [];
  const seen = new Set<string>();
  const visit = (file: string, chain: string[]) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = fs.readFileSync(path.join(root, file), "utf8");
    if (chain.length > 1 && directive(source, "use server")) return;
    for (const specifier of runtimeImports(source)) {
      const local = resolveLocal(root, file, specifier);
      const bad =
        SERVER_PACKAGES.some((p) => p.test(specifier)) ||
        /^@\/db(\/|$)/.test(specifier) ||
        (local !== null && /^db\//.test(local));
      if (bad) problems.push({ chain: [...chain, specifier] });
      else if (local && /\.tsx?$/.test(local)) visit(local, [...chain, local]);
    }
  };
  for (const entry of entries) visit(entry, [entry]);
  return problems;
}
