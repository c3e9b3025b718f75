import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { stopLoad } from "./load";

/**
 * What every benchmark script shares around its own `main`: the clean-up list, the step headings, the
 * database URL of a benchmark's own database, and the command line (options, Ctrl-C, exit codes:
 * main's own on completion, 2 when the benchmark itself fails, 130 when interrupted).
 */

/** Things to undo, last first; run once on success, error or Ctrl-C. */
export class Cleanup {
  private steps: { name: string; fn: () => Promise<unknown> }[] = [];
  private running: Promise<void> | undefined;
  add(name: string, fn: () => Promise<unknown>) {
    this.steps.push({ name, fn });
  }
  /** Runs the steps once; later calls wait for that one run. */
  run(): Promise<void> {
    this.running ??= (async () => {
      for (const step of this.steps.reverse()) {
        try {
          await step.fn();
        } catch (e) {
          console.error(`  cleanup "${step.name}" failed: ${e instanceof Error ? e.message : e}`);
        }
      }
    })();
    return this.running;
  }
}

export function step(title: string) {
  console.log(`\n▶ ${title}`);
}

/** The admin URL pointed at another database on the same server. */
export function withDatabase(url: string, dbName: string): string {
  const u = new URL(url);
  u.pathname = `/${dbName}`;
  return u.toString();
}

let interrupted = false;
/** Ctrl-C was pressed: a benchmark's main stops starting new steps. */
export const wasInterrupted = () => interrupted;

/**
 * Runs a benchmark from the command line: parses the options (null: --help was printed), runs `main`
 * with a clean-up list that runs however it ends, and exits with main's code.
 */
export async function runBenchmarkCli<O>(opts: {
  parseOptions: (argv: string[]) => O | null;
  main: (options: O, cleanup: Cleanup) => Promise<number>;
  /** What Ctrl-C stops, for the message ("the load, the server and the bench database"). */
  stopping: string;
}): Promise<never> {
  const cleanup = new Cleanup();
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      if (interrupted) return;
      interrupted = true;
      console.error(`\n${signal}: stopping ${opts.stopping}…`);
      stopLoad();
      void cleanup.run().finally(() => process.exit(130));
    });
  }
  let options: O | null;
  try {
    options = opts.parseOptions(process.argv.slice(2));
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    process.exit(2);
  }
  if (!options) process.exit(0);
  let code = 2;
  try {
    code = await opts.main(options, cleanup);
  } catch (e) {
    if (!interrupted) console.error(`\nBenchmark failed: ${e instanceof Error ? (e.stack ?? e.message) : e}`);
  } finally {
    if (!interrupted) step("Clean-up");
    await cleanup.run();
  }
  process.exit(interrupted ? 130 : code);
}

/** A git command's output (the commit a result belongs to), or null outside a checkout. */
export function git(args: string[]): string | null {
  try {
    return execFileSync("git", args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return null;
  }
}

/** The installed version of a package, for the report. */
export function packageVersion(name: string): string | null {
  try {
    return (JSON.parse(fs.readFileSync(path.join("node_modules", name, "package.json"), "utf8")) as { version: string })
      .version;
  } catch {
    return null;
  }
}
