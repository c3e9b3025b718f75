import { describe, expect, it } from "vitest";
import { adfToText, textToAdf } from "./adf-to-text";

const doc = (...content: unknown[]) => ({ version: 1, type: "doc", content });
const p = (...content: unknown[]) => ({ type: "paragraph", content });
const t = (text: string, marks?: unknown[]) => ({ type: "text", text, ...(marks ? { marks } : {}) });
const li = (...content: unknown[]) => ({ type: "listItem", content });

describe("ADF to plain text", () => {
  it("separates paragraphs and headings by a blank line and turns hard breaks into newlines", () => {
    const text = adfToText(
      doc(
        { type: "heading", attrs: { level: 2 }, content: [t("Boiler fault")] },
        p(
          t("The boiler in "),
          t("building B", [{ type: "strong" }]),
          t(" stopped."),
          { type: "hardBreak" },
          t("Since Monday."),
        ),
        p(), // an empty spacer paragraph adds nothing
        p(t("Please check.")),
      ),
    );
    expect(text).toBe("Boiler fault\n\nThe boiler in building B stopped.\nSince Monday.\n\nPlease check.");
  });

  it("writes bullet and ordered lists, nested lists indented under their item", () => {
    const text = adfToText(
      doc(
        {
          type: "bulletList",
          content: [li(p(t("filters"))), li(p(t("pump")), { type: "bulletList", content: [li(p(t("seal")))] })],
        },
        { type: "orderedList", attrs: { order: 3 }, content: [li(p(t("drain"))), li(p(t("refill")))] },
      ),
    );
    expect(text).toBe("- filters\n- pump\n  - seal\n\n3. drain\n4. refill");
  });

  it("keeps code blocks, quotes and rules readable", () => {
    const text = adfToText(
      doc(
        { type: "codeBlock", attrs: { language: "sh" }, content: [t("systemctl restart boiler\necho ok")] },
        { type: "blockquote", content: [p(t("It was loud.")), p(t("Very loud."))] },
        { type: "rule" },
        p(t("End")),
      ),
    );
    expect(text).toBe("```sh\nsystemctl restart boiler\necho ok\n```\n\n> It was loud.\n>\n> Very loud.\n\n---\n\nEnd");
  });

  it("renders mentions, emoji, cards and links as their text or address", () => {
    const text = adfToText(
      doc(
        p(
          { type: "mention", attrs: { id: "5b10", text: "@Li Wei" } },
          t(" see "),
          { type: "inlineCard", attrs: { url: "https://example.com/manual.pdf" } },
          t(" "),
          { type: "emoji", attrs: { shortName: ":fire:", text: "🔥" } },
          { type: "emoji", attrs: { shortName: ":smile:" } },
          t(" "),
          t("the wiki", [{ type: "link", attrs: { href: "https://wiki.example.com" } }]),
          t(" "),
          t("https://same.example.com", [{ type: "link", attrs: { href: "https://same.example.com" } }]),
        ),
      ),
    );
    expect(text).toBe(
      "@Li Wei see https://example.com/manual.pdf 🔥:smile: the wiki (https://wiki.example.com) https://same.example.com",
    );
  });

  it("reads unknown nodes as their children's text", () => {
    const text = adfToText(
      doc(
        { type: "panel", attrs: { panelType: "warning" }, content: [p(t("Gas smell reported"))] },
        p({ type: "fancyNewInline", content: [t("inner")] }, t(" text")),
        { type: "expand", attrs: { title: "More" }, content: [p(t("a")), p(t("b"))] },
      ),
    );
    expect(text).toBe("Gas smell reported\n\ninner text\n\na\n\nb");
  });

  it("passes a plain string through (REST v2 style) and never throws on odd input", () => {
    expect(adfToText("plain *wiki* text")).toBe("plain *wiki* text");
    for (const odd of [
      null,
      undefined,
      42,
      true,
      [],
      {},
      { type: "doc", content: "x" },
      { content: [null, 1, "s", { type: 7 }] },
    ]) {
      expect(() => adfToText(odd)).not.toThrow();
    }
    expect(
      adfToText(
        doc(p({ type: "text" }), p({ type: "text", text: 5 }), { type: "mention" }, { type: "emoji", attrs: null }),
      ),
    ).toBe("");
    let deep: unknown = t("bottom");
    for (let i = 0; i < 10_000; i++) deep = { type: "blockquote", content: [deep] };
    expect(() => adfToText(doc(deep))).not.toThrow();
  });
});

describe("plain text to ADF (comments)", () => {
  it("makes one paragraph per line, with empty lines as empty paragraphs", () => {
    expect(textToAdf("Done on site.\r\n\nInvoice follows.")).toEqual({
      version: 1,
      type: "doc",
      content: [
        { type: "paragraph", content: [{ type: "text", text: "Done on site." }] },
        { type: "paragraph", content: [] },
        { type: "paragraph", content: [{ type: "text", text: "Invoice follows." }] },
      ],
    });
    expect(adfToText(textToAdf("a\nb"))).toBe("a\n\nb");
  });
});
