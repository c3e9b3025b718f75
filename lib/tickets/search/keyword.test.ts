import { describe, expect, it } from "vitest";
import { bookingDaysOfCodePrefix, codePrefixOf, hasSearchableCharacter } from "./keyword";

describe("codePrefixOf", () => {
  it("accepts TK + digits in the code alphabet, upper-cased, with its booking days", () => {
    expect(codePrefixOf(" tk2602a7 ")).toMatchObject({
      prefix: "TK2602A7",
      bookedFrom: new Date("2026-01-31T00:00:00Z"),
    });
    expect(codePrefixOf("TK26")?.prefix).toBe("TK26");
  });

  it("refuses what cannot begin a code", () => {
    for (const q of ["TK", "TK2", "TK2613", "TK26-02", "TK2602I", "TK2602A7Q3XZZZZ", "张江路 TK26", "TKBULK1"]) {
      expect(codePrefixOf(q), q).toBeNull();
    }
  });
});

describe("bookingDaysOfCodePrefix", () => {
  it("reads year, month and day from a code prefix, with a day of slack each side", () => {
    expect(bookingDaysOfCodePrefix("TK2602")).toEqual({
      from: new Date("2026-01-31T00:00:00Z"),
      to: new Date("2026-03-02T00:00:00Z"),
    });
    expect(bookingDaysOfCodePrefix("tk261122a7")).toEqual({
      from: new Date("2026-11-21T00:00:00Z"),
      to: new Date("2026-11-24T00:00:00Z"),
    });
    expect(bookingDaysOfCodePrefix("TK26")).toEqual({
      from: new Date("2025-12-31T00:00:00Z"),
      to: new Date("2027-01-02T00:00:00Z"),
    });
  });

  it("ignores keywords that are not code prefixes", () => {
    expect(bookingDaysOfCodePrefix("张江路")).toBeNull();
    expect(bookingDaysOfCodePrefix("TK")).toBeNull();
    expect(bookingDaysOfCodePrefix("TK2613")).toBeNull(); // month 13
  });
});

describe("hasSearchableCharacter", () => {
  it("wants a letter or digit in any script", () => {
    for (const q of ["浦", "a", "7", "王伟", "!a!"]) expect(hasSearchableCharacter(q), q).toBe(true);
    for (const q of ["!!!", "---", "  ", "%_"]) expect(hasSearchableCharacter(q), q).toBe(false);
  });
});
