import { describe, expect, it } from "vitest";
import { newTicketCode } from "./codes";

const CODE = /^TK\d{6}[0-9ABCDEFGHJKMNPQRSTVWXYZ]{5}$/;

describe("ticket codes", () => {
  it("is TK + the booking day (yymmdd) in Shanghai + 5 Crockford characters", () => {
    const code = newTicketCode(new Date("2026-11-22T04:00:00Z"), "Asia/Shanghai");
    expect(code).toMatch(CODE);
    expect(code.slice(0, 8)).toBe("TK261122");
  });

  it("takes the day from Shanghai, not UTC, around midnight", () => {
    // 16:30 UTC on the 21st is 00:30 on the 22nd in Shanghai.
    expect(newTicketCode(new Date("2026-11-21T16:30:00Z"), "Asia/Shanghai").slice(0, 8)).toBe("TK261122");
    expect(newTicketCode(new Date("2026-11-21T15:59:00Z"), "Asia/Shanghai").slice(0, 8)).toBe("TK261121");
    expect(newTicketCode(new Date("2026-12-31T16:00:00Z"), "Asia/Shanghai").slice(0, 8)).toBe("TK270101");
  });

  it("never uses the look-alike letters I, L, O, U and varies the suffix", () => {
    const now = new Date("2026-11-22T04:00:00Z");
    const codes = Array.from({ length: 2000 }, () => newTicketCode(now, "Asia/Shanghai"));
    for (const c of codes) expect(c).toMatch(CODE);
    expect(codes.map((c) => c.slice(8)).join("")).not.toMatch(/[ILOU]/);
    expect(new Set(codes).size).toBeGreaterThan(1990);
    // Over 2000 draws every one of the 32 symbols shows up in the suffixes.
    expect(new Set(codes.flatMap((c) => [...c.slice(8)])).size).toBe(32);
  });
});
