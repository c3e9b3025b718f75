import autocannon, { type Instance, type Request, type Result } from "autocannon";
import { summarize, type LatencySummary } from "./stats";

/** One request of a rotation; `label` groups latencies (a date window, a kind of keyword). */
export interface LoadItem {
  label: string;
  method: "GET" | "POST";
  path: string;
  body?: string;
}

export interface LoadResult {
  title: string;
  durationSec: number;
  connections: number;
  /** Responses received (any status). */
  responses: number;
  ok2xx: number;
  non2xx: number;
  /** Connection errors and timeouts (no response at all). */
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  /** Responses per second over the measured duration. */
  rps: number;
  /** 2xx responses per second. */
  okRps: number;
  /** Every response's latency (ms), exact percentiles. */
  latency: LatencySummary;
  latencyByLabel: Record<string, LatencySummary & { non2xx: number }>;
  /** autocannon's own histogram summary, for cross-checking (it has no p95). */
  autocannon: { p50: number; p97_5: number; p99: number; mean: number; reqPerSecMean: number };
  /** First few non-2xx bodies, to say why. */
  errorSamples: string[];
}

let current: Instance | null = null;

/** Stops a running load (Ctrl-C). */
export function stopLoad() {
  current?.stop();
}

/**
 * Runs autocannon against `url` for `duration` seconds; each request is the next item of `next()`
 * (shared by all connections, so a rotation spreads evenly).
 */
export async function runLoad(opts: {
  title: string;
  url: string;
  connections: number;
  duration: number;
  /** Total requests per second (open loop); 0: as fast as the connections go (closed loop). */
  rate?: number;
  headers: Record<string, string>;
  next: () => LoadItem;
}): Promise<LoadResult> {
  const all: number[] = [];
  const byLabel = new Map<string, { samples: number[]; non2xx: number }>();
  const errorSamples: string[] = [];
  // autocannon calls the request's onResponse and then, synchronously on the same client, emits
  // `response` with the latency: the label handed over here is the one of that very response.
  let respondedLabel = "";

  const request: Request = {
    setupRequest: (req, context) => {
      const item = opts.next();
      context.label = item.label;
      const headers: Record<string, string> = { ...opts.headers };
      if (item.body !== undefined) headers["content-type"] = "application/json";
      return { ...req, method: item.method, path: item.path, body: item.body ?? "", headers };
    },
    onResponse: (status, body, context) => {
      respondedLabel = String(context.label ?? "");
      if ((status < 200 || status >= 300) && errorSamples.length < 5)
        errorSamples.push(`${status} ${body.slice(0, 300)}`);
    },
  };

  const result = await new Promise<Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: opts.url,
        connections: opts.connections,
        duration: opts.duration,
        requests: [request],
        title: opts.title,
        ...(opts.rate ? { overallRate: opts.rate } : {}),
      },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    current = instance;
    instance.on("response", (_client, statusCode, _bytes, responseTime) => {
      all.push(responseTime);
      let entry = byLabel.get(respondedLabel);
      if (!entry) byLabel.set(respondedLabel, (entry = { samples: [], non2xx: 0 }));
      entry.samples.push(responseTime);
      if (statusCode < 200 || statusCode >= 300) entry.non2xx++;
    });
  }).finally(() => {
    current = null;
  });

  const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, s]) => [code, s.count]));
  const ok2xx = result["2xx"];
  return {
    title: opts.title,
    durationSec: result.duration,
    connections: opts.connections,
    responses: all.length,
    ok2xx,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes,
    rps: Math.round((all.length / result.duration) * 10) / 10,
    okRps: Math.round((ok2xx / result.duration) * 10) / 10,
    latency: summarize(all),
    latencyByLabel: Object.fromEntries(
      [...byLabel].map(([label, e]) => [label, { ...summarize(e.samples), non2xx: e.non2xx }]),
    ),
    autocannon: {
      p50: result.latency.p50,
      p97_5: result.latency.p97_5,
      p99: result.latency.p99,
      mean: result.latency.mean,
      reqPerSecMean: result.requests.mean,
    },
    errorSamples,
  };
}
