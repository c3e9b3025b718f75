import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";

const root = process.cwd();
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");

/** What `next build` reads: a build older than any of these is rebuilt. */
const sourceDirs = ["app", "components", "lib", "db", "inngest", "public"];
const sourceFiles = [
  "next.config.ts",
  "instrumentation.ts",
  "middleware.ts",
  "proxy.ts",
  "package.json",
  "package-lock.json",
  "postcss.config.mjs",
];

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

export function buildState(distDir: string): { fresh: boolean; reason: string } {
  const buildId = path.join(root, distDir, "BUILD_ID");
  if (!fs.existsSync(buildId)) return { fresh: false, reason: `no build in ${distDir}` };
  const built = fs.statSync(buildId).mtimeMs;
  let newest = 0;
  for (const d of sourceDirs)
    if (fs.existsSync(path.join(root, d))) newest = Math.max(newest, newestMtime(path.join(root, d)));
  for (const f of sourceFiles)
    if (fs.existsSync(path.join(root, f))) newest = Math.max(newest, fs.statSync(path.join(root, f)).mtimeMs);
  return newest > built
    ? { fresh: false, reason: `sources changed since the build in ${distDir}` }
    : { fresh: true, reason: `build in ${distDir} is newer than the sources` };
}

type Json = Record<string, unknown>;

/**
 * `next build` rewrites tsconfig.json (adds `<distDir>/types/**` to `include`) and next-env.d.ts (imports
 * `<distDir>/types/routes.d.ts`). Those files are shared by everyone working in the checkout: put them
 * back afterwards, but only when the build's additions are the sole change (nobody else edited them).
 */
function guardSharedFiles(distDir: string): () => void {
  const tsconfigPath = path.join(root, "tsconfig.json");
  const nextEnvPath = path.join(root, "next-env.d.ts");
  const read = (p: string) => (fs.existsSync(p) ? fs.readFileSync(p, "utf8") : null);
  const tsconfigBefore = read(tsconfigPath);
  const nextEnvBefore = read(nextEnvPath);
  return () => {
    const tsconfigAfter = read(tsconfigPath);
    if (tsconfigBefore !== null && tsconfigAfter !== null && tsconfigAfter !== tsconfigBefore) {
      try {
        const before = JSON.parse(tsconfigBefore) as Json;
        const after = JSON.parse(tsconfigAfter) as Json;
        const beforeInclude = (before.include as string[] | undefined) ?? [];
        const afterInclude = (after.include as string[] | undefined) ?? [];
        const added = afterInclude.filter((i) => !beforeInclude.includes(i));
        const onlyOurs =
          added.every((i) => i.startsWith(`${distDir}/`)) &&
          JSON.stringify({ ...after, include: afterInclude.filter((i) => !added.includes(i)) }) ===
            JSON.stringify({ ...before, include: beforeInclude });
        if (onlyOurs) fs.writeFileSync(tsconfigPath, tsconfigBefore);
        else console.warn("  tsconfig.json was also changed by someone else during the build: left as it is");
      } catch {
        console.warn("  tsconfig.json could not be compared after the build: left as it is");
      }
    }
    const nextEnvAfter = read(nextEnvPath);
    if (nextEnvBefore !== null && nextEnvAfter !== nextEnvBefore && nextEnvAfter?.includes(`./${distDir}/`)) {
      fs.writeFileSync(nextEnvPath, nextEnvBefore);
    }
  };
}

/** `next build` into `distDir`; output goes to `logFile`, the tail is shown on failure. */
export async function buildApp(distDir: string, logFile: string): Promise<number> {
  const started = performance.now();
  const restore = guardSharedFiles(distDir);
  try {
    const log = fs.openSync(logFile, "w");
    const child = spawn(process.execPath, [nextBin, "build"], {
      cwd: root,
      env: { ...process.env, NODE_ENV: "production", NEXT_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: "1" },
      stdio: ["ignore", log, log],
    });
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    fs.closeSync(log);
    if (code !== 0) {
      const tail = fs.readFileSync(logFile, "utf8").split("\n").slice(-40).join("\n");
      throw new Error(`next build failed (exit ${code}); log: ${logFile}\n${tail}`);
    }
  } finally {
    restore();
  }
  return Math.round(performance.now() - started);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export interface RunningServer {
  pid: number;
  port: number;
  baseUrl: string;
  logFile: string;
  startupMs: number;
  stop(): Promise<void>;
}

/** `next start` in its own process group (so stopping it stops every process it spawned). */
export async function startServer(opts: {
  distDir: string;
  port: number;
  env: Record<string, string>;
  logFile: string;
  /** Folder for V8 CPU profiles of the server process (written when it exits), or null. */
  cpuProfDir?: string | null;
  timeoutMs?: number;
  /** Called as soon as the process exists, with the way to stop it (clean-up on Ctrl-C during start-up). */
  onSpawn?: (stop: () => Promise<void>) => void;
}): Promise<RunningServer> {
  const started = performance.now();
  const log = fs.openSync(opts.logFile, "w");
  const child: ChildProcess = spawn(
    process.execPath,
    // As `npm start` runs it (package.json): Node's default heap, or what an operator sets in
    // NODE_OPTIONS (passed through with the environment), never a cap of the benchmark's own.
    [
      ...(opts.cpuProfDir ? ["--cpu-prof", `--cpu-prof-dir=${opts.cpuProfDir}`] : []),
      nextBin,
      "start",
      "--port",
      String(opts.port),
      "--hostname",
      "127.0.0.1",
    ],
    {
      cwd: root,
      env: {
        ...process.env,
        ...opts.env,
        NEXT_DIST_DIR: opts.distDir,
        NEXT_TELEMETRY_DISABLED: "1",
        PORT: String(opts.port),
      },
      stdio: ["ignore", log, log],
      detached: true,
    },
  );
  fs.closeSync(log);
  const group = processGroup(child);
  const { pid, stop } = group;
  opts.onSpawn?.(stop);
  const baseUrl = `http://127.0.0.1:${opts.port}`;
  const deadline = Date.now() + (opts.timeoutMs ?? 90_000);
  while (Date.now() < deadline) {
    if (group.exited() !== undefined) break;
    try {
      const res = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(2000) });
      if (res.ok)
        return {
          pid,
          port: opts.port,
          baseUrl,
          logFile: opts.logFile,
          startupMs: Math.round(performance.now() - started),
          stop,
        };
    } catch {
      /* not listening yet */
    }
    await sleep(250);
  }
  await stop();
  const tail = fs.readFileSync(opts.logFile, "utf8").split("\n").slice(-30).join("\n");
  throw new Error(
    `next start ${group.exited() !== undefined ? `exited (code ${group.exited()})` : "did not answer /api/health in time"}; log: ${opts.logFile}\n${tail}`,
  );
}

/**
 * A child started `detached` (its own process group): its exit code once it has exited (undefined
 * before), and a stop that sends SIGTERM to the whole group, then SIGKILL after 10 s.
 */
export function processGroup(child: ChildProcess) {
  let exited: number | null | undefined;
  const exitedPromise = new Promise<void>((resolve) =>
    child.on("exit", (code) => {
      exited = code;
      resolve();
    }),
  );
  const pid = child.pid!;
  const stop = async () => {
    if (exited !== undefined) return;
    try {
      process.kill(-pid, "SIGTERM");
    } catch {
      return;
    }
    const killed = await Promise.race([exitedPromise.then(() => true), sleep(10_000).then(() => false)]);
    if (!killed) {
      try {
        process.kill(-pid, "SIGKILL");
      } catch {
        /* gone */
      }
    }
  };
  return { pid, stop, exitedPromise, exited: () => exited };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
