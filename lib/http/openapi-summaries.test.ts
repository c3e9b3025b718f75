import { describe, expect, it } from "vitest";
import { endpoints } from "./openapi";
import { endpointKey, localizedSummary, localizedTag, zhCNSummaries, zhCNTags } from "./openapi-summaries";

describe("the API reference in Chinese", () => {
  it("has a Chinese summary for every operation, and none for an operation that is gone", () => {
    const keys = endpoints.map(endpointKey);
    expect(keys.filter((k) => !zhCNSummaries[k]?.trim()), "operations without a zh-CN summary").toEqual([]);
    expect(Object.keys(zhCNSummaries).filter((k) => !keys.includes(k)), "summaries of no operation").toEqual([]);
  });

  it("has a Chinese heading for every tag", () => {
    expect([...new Set(endpoints.map((e) => e.tag))].filter((tag) => !zhCNTags[tag])).toEqual([]);
  });

  it("shows the document's English summary in English and the Chinese one in Chinese", () => {
    const booking = endpoints.find((e) => endpointKey(e) === "post /api/public/booking")!;
    expect(localizedSummary(booking, "en")).toBe(booking.summary);
    expect(localizedSummary(booking, "zh-CN")).toMatch(/预约/);
    expect(localizedTag("Tickets", "zh-CN")).toBe("工单");
    expect(localizedTag("Tickets", "en")).toBe("Tickets");
  });
});
