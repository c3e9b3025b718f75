import { describe, expect, it } from "vitest";
import { maskPhone, normalizeMainlandMobile } from "./phone";

describe("mainland mobile numbers", () => {
  it.each([
    ["13800138000", "13800138000"],
    ["+86 138 0013 8000", "13800138000"],
    ["+86-138-0013-8000", "13800138000"],
    ["0086 13800138000", "13800138000"],
    ["8613800138000", "13800138000"],
    ["(138) 0013-8000", "13800138000"],
    ["19912345678", "19912345678"],
  ])("normalizes %j to %s", (input, digits) => {
    expect(normalizeMainlandMobile(input)).toBe(digits);
  });

  it.each([
    "1380013800", // 10 digits
    "138001380001", // 12 digits
    "12800138000", // no such prefix
    "02162345678", // landline
    "021-6234-5678",
    "138O0138000", // letter O
    "+1 415 555 0100",
    "",
  ])("refuses %j", (input) => {
    expect(normalizeMainlandMobile(input)).toBeNull();
  });

  it("masks all but the first 3 and last 4 digits", () => {
    expect(maskPhone("13800138000")).toBe("138****8000");
    expect(maskPhone("123")).toBe("****");
  });
});
