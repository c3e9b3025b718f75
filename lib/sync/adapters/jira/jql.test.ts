import { describe, expect, it } from "vitest";
import { baseJql, buildPullJql, formatJqlDateTime, jqlSinceLiteral, withoutOrderBy } from "./jql";

describe("the base restriction", () => {
  it("prefers the system's JQL, then its project key, else none", () => {
    expect(baseJql({ jql: "  assignee = currentUser()  ", project_key: "OPS" })).toBe("assignee = currentUser()");
    expect(baseJql({ project_key: "OPS" })).toBe('project = "OPS"');
    expect(baseJql({ project_key: 'A"B\\C' })).toBe('project = "A\\"B\\\\C"');
    expect(baseJql({ jql: "  ", project_key: 7 })).toBeNull();
    expect(baseJql({})).toBeNull();
  });

  it("drops a saved filter's ORDER BY, but not the words inside quotes", () => {
    expect(withoutOrderBy("project = OPS ORDER BY created DESC")).toBe("project = OPS");
    expect(withoutOrderBy('summary ~ "order by phone" order   by rank')).toBe('summary ~ "order by phone"');
    expect(withoutOrderBy("(project = OPS)ORDER BY key")).toBe("(project = OPS)");
    expect(withoutOrderBy("reorder = 1")).toBe("reorder = 1");
    expect(baseJql({ jql: "ORDER BY created" })).toBeNull();
  });
});

describe("the pull query", () => {
  const since = new Date("2024-01-15T02:30:45.500Z");

  it("has no date on a first sync, and is bounded even without a base", () => {
    expect(buildPullJql({ project_key: "OPS" }, null, null)).toBe('(project = "OPS") ORDER BY updated ASC');
    expect(buildPullJql({}, null, null)).toBe('updated >= "1970/01/01 00:00" ORDER BY updated ASC');
  });

  it("writes the date one minute early, in the user's time zone", () => {
    expect(buildPullJql({ project_key: "OPS" }, since, "Asia/Shanghai")).toBe(
      '(project = "OPS") AND updated >= "2024/01/15 10:29" ORDER BY updated ASC',
    );
    expect(buildPullJql({}, since, "UTC")).toBe('updated >= "2024/01/15 02:29" ORDER BY updated ASC');
    expect(jqlSinceLiteral(since, "America/New_York")).toBe("2024/01/14 21:29");
    expect(jqlSinceLiteral(since, "Asia/Kolkata")).toBe("2024/01/15 07:59");
  });

  it("falls back to a UTC literal 12 hours early when the zone is hidden or unknown", () => {
    expect(jqlSinceLiteral(since, null)).toBe("2024/01/14 14:29");
    expect(jqlSinceLiteral(since, "Mars/Olympus_Mons")).toBe("2024/01/14 14:29");
  });

  it("steps back past a daylight-saving change, where a wall-clock time means two instants", () => {
    // 05:31Z is 01:31 EDT on the night New York repeats 01:00–02:00; 01:30 could be read as 06:30Z.
    expect(jqlSinceLiteral(new Date("2024-11-03T05:31:00Z"), "America/New_York")).toBe("2024/11/02 22:30");
    // Far from a change: just the minute of overlap.
    expect(jqlSinceLiteral(new Date("2024-07-01T12:00:00Z"), "America/New_York")).toBe("2024/07/01 07:59");
  });

  it("formats midnight as 00, not 24", () => {
    expect(formatJqlDateTime(new Date("2024-01-01T16:00:00Z"), "Asia/Shanghai")).toBe("2024/01/02 00:00");
  });
});
