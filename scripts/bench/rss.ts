import fs from "node:fs";

import { execFileSync } from "node:child_process";

let clockTicks: number | undefined;
/** Kernel clock ticks per second (utime/stime unit in /proc/<pid>/stat). */
function ticksPerSecond(): number {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

/** CPU time (user + system, ms) a process has used so far, or null when it is gone. */
export function processCpuMs(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // After "pid (comm) ": state is field 3, utime field 14, stime field 15 (1-based, man proc).
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond();
  } catch {
    return null;
  }
}

/** CPU time used so far by a set of processes, per pid. */
export function cpuSnapshot(pids: number[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const pid of pids) {
    const ms = processCpuMs(pid);
    if (ms !== null) out.set(pid, ms);
  }
  return out;
}

/** CPU ms used between two snapshots (processes that appeared meanwhile count from zero). */
export function cpuDelta(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0);
  return Math.round(total);
}

function processName(pid: number, fallback: string): string {
  try {
    const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean);
    // next-server sets its title (`next-server (v16.x)`); plain node processes show their script.
    return (cmd.length === 1 ? cmd[0]! : cmd.slice(0, 3).join(" ")).slice(0, 80) || fallback;
  } catch {
    return fallback;
  }
}

/** Resident memory of a process and all its descendants, from /proc (Linux). */
export function processTree(rootPid: number): { pid: number; name: string; rssKB: number }[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      // pid (comm) state ppid …: comm may contain spaces and parentheses, so split after the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      /* exited meanwhile */
    }
  }
  const out: { pid: number; name: string; rssKB: number }[] = [];
  const queue = [rootPid];
  while (queue.length) {
    const pid = queue.shift()!;
    try {
      const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
      const name = processName(pid, /^Name:\s+(.*)$/m.exec(status)?.[1] ?? "?");
      const rssKB = Number(/^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1] ?? 0);
      out.push({ pid, name, rssKB });
    } catch {
      continue;
    }
    queue.push(...(children.get(pid) ?? []));
  }
  return out;
}

export interface RssSummary {
  samples: number;
  peakMB: number;
  avgMB: number;
}

/** Samples the server's process-tree RSS every `intervalMs`, tagged with the phase running at the time. */
export class RssSampler {
  private timer: NodeJS.Timeout | undefined;
  private phase = "before-load";
  readonly samples: { t: number; phase: string; rssKB: number }[] = [];
  /** Process names seen in the tree (e.g. `next-server (v16…)`), for the report. */
  readonly processNames = new Set<string>();

  constructor(
    private readonly rootPid: number,
    private readonly intervalMs = 500,
  ) {}

  start() {
    this.sample();
    this.timer = setInterval(() => this.sample(), this.intervalMs);
    this.timer.unref();
  }

  setPhase(phase: string) {
    this.phase = phase;
    this.sample();
  }

  stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private sample() {
    const tree = processTree(this.rootPid);
    if (!tree.length) return;
    for (const p of tree) this.processNames.add(p.name);
    this.samples.push({ t: Date.now(), phase: this.phase, rssKB: tree.reduce((s, p) => s + p.rssKB, 0) });
  }

  summary(filter: (phase: string) => boolean = () => true): RssSummary {
    const picked = this.samples.filter((s) => filter(s.phase));
    if (!picked.length) return { samples: 0, peakMB: 0, avgMB: 0 };
    const mb = (kb: number) => Math.round((kb / 1024) * 10) / 10;
    return {
      samples: picked.length,
      peakMB: mb(Math.max(...picked.map((s) => s.rssKB))),
      avgMB: mb(picked.reduce((s, p) => s + p.rssKB, 0) / picked.length),
    };
  }
}
