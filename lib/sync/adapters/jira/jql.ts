import "server-only";

/**
 * The JQL of a pull. Two real-Jira details shape it:
 *  - A date literal has minute precision and no zone: Jira reads it in the *searching user's* time
 *    zone (their profile setting, GET /myself `timeZone`), not in UTC and not in the site's zone. A
 *    literal written in UTC by a user in New York would point five hours too late and silently skip
 *    every issue changed in between.
 *  - /rest/api/3/search/jql refuses an unbounded query ("Unbounded JQL queries are not allowed here"),
 *    so a first sync of a system with neither JQL nor project still needs a restriction.
 */

/** Re-read one minute before the cursor: JQL drops the seconds, and an issue seen twice is harmless. */
export const CURSOR_OVERLAP_MS = 60_000;

/** A first sync with no other restriction: matches everything, but makes the query bounded. */
const EVERYTHING = 'updated >= "1970/01/01 00:00"';

const HOUR_MS = 3_600_000;

export interface JiraPullSettings {
  jql?: unknown;
  project_key?: unknown;
}

/** The system's own restriction: its JQL if set, else its project, else none. */
export function baseJql(settings: JiraPullSettings): string | null {
  if (typeof settings.jql === "string" && settings.jql.trim()) {
    return withoutOrderBy(settings.jql.trim()) || null;
  }
  if (typeof settings.project_key === "string" && settings.project_key.trim()) {
    return `project = ${quote(settings.project_key.trim())}`;
  }
  return null;
}

/**
 * `(<base>) AND updated >= "<since, in the user's zone>" ORDER BY updated ASC`. Ascending order is
 * what makes the cursor sound: after any page, every issue changed before its last one has been seen.
 * `timeZone` null (hidden by the user's privacy settings, or not a zone we know) widens the overlap
 * instead of guessing.
 */
export function buildPullJql(settings: JiraPullSettings, since: Date | null, timeZone: string | null): string {
  const base = baseJql(settings);
  const clauses: string[] = [];
  if (base) clauses.push(`(${base})`);
  if (since) clauses.push(`updated >= "${jqlSinceLiteral(since, timeZone)}"`);
  if (clauses.length === 0) clauses.push(EVERYTHING);
  return `${clauses.join(" AND ")} ORDER BY updated ASC`;
}

/** The date literal for "changed since `since`", with the overlap, as the user's Jira will read it. */
export function jqlSinceLiteral(since: Date, timeZone: string | null): string {
  let at = since.getTime() - CURSOR_OVERLAP_MS;
  const zone = timeZone && isKnownZone(timeZone) ? timeZone : null;
  if (!zone) {
    // Jira reads the literal in some zone between UTC-12 and UTC+14. Written in UTC 12 hours early, it
    // means no later than `since` in any of them.
    return formatJqlDateTime(new Date(at - 12 * HOUR_MS), "UTC");
  }
  // Around a daylight-saving change a wall-clock time can mean two instants (01:30 twice in New York
  // in November), and Jira may read the later one. Stepping back past the change avoids both.
  if (offsetMs(new Date(at - 3 * HOUR_MS), zone) !== offsetMs(new Date(at + 3 * HOUR_MS), zone)) {
    at -= 3 * HOUR_MS;
  }
  return formatJqlDateTime(new Date(at), zone);
}

/** `yyyy/MM/dd HH:mm`, the wall-clock time of `instant` in `timeZone` (seconds dropped, not rounded). */
export function formatJqlDateTime(instant: Date, timeZone: string): string {
  const p = wallClock(instant, timeZone);
  return `${p.year}/${pad(p.month)}/${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}`;
}

export function isKnownZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
      // h23, not hour12:false: the latter writes midnight as "24" in some ICU versions.
      hourCycle: "h23",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function wallClock(instant: Date, timeZone: string) {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(instant)) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** The zone's UTC offset at `instant`, in milliseconds. */
function offsetMs(instant: Date, timeZone: string): number {
  const p = wallClock(instant, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

const pad = (n: number) => String(n).padStart(2, "0");

function quote(value: string): string {
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

/**
 * A saved filter often ends in ORDER BY, which cannot sit inside the parentheses we wrap it in; our
 * own ORDER BY updated ASC replaces it. Quoted text is skipped, so `summary ~ "order by"` survives.
 */
export function withoutOrderBy(jql: string): string {
  let quoteChar: string | null = null;
  for (let i = 0; i < jql.length; i++) {
    const c = jql[i]!;
    if (quoteChar) {
      if (c === "\\") i++;
      else if (c === quoteChar) quoteChar = null;
      continue;
    }
    if (c === '"' || c === "'") {
      quoteChar = c;
      continue;
    }
    if ((i === 0 || /\s|\)/.test(jql[i - 1]!)) && /^order\s+by\b/i.test(jql.slice(i, i + 64))) {
      return jql.slice(0, i).trim();
    }
  }
  return jql;
}
