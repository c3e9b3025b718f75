import { describe, expect, it } from "vitest";
import {
  channelLimits,
  defaultTemplates,
  notificationEventNames,
  notificationEvents,
  notificationLocales,
  placeholdersIn,
  renderedProblem,
  renderTemplate,
  sampleValues,
  templateProblem,
} from "./templates";

describe("the default templates", () => {
  it("cover every event × channel it is sent over, in both locales", () => {
    for (const event of notificationEventNames) {
      for (const channel of notificationEvents[event].channels) {
        for (const locale of notificationLocales) {
          expect(
            defaultTemplates.filter((t) => t.event === event && t.channel === channel && t.locale === locale),
            `${event} × ${channel} × ${locale}`,
          ).toHaveLength(1);
        }
      }
    }
    // …and nothing for a channel the event is not sent over.
    for (const t of defaultTemplates) expect(notificationEvents[t.event].channels).toContain(t.channel);
  });

  it("use only their event's placeholders, render with no braces left, and fit their channel", () => {
    for (const t of defaultTemplates) {
      expect(templateProblem(t.event, t.body), `${t.event} ${t.channel} ${t.locale}`).toBeNull();
      if (t.subject) expect(templateProblem(t.event, t.subject)).toBeNull();
      expect(Boolean(t.subject)).toBe(channelLimits[t.channel].subject);
      const rendered = renderTemplate(t.body, sampleValues(t.locale));
      expect(rendered).not.toMatch(/\{\{|\}\}/);
      expect(renderedProblem(t.channel, rendered)).toBeNull();
    }
  });

  it("have a sample value for every placeholder of every event", () => {
    for (const locale of notificationLocales) {
      const values = sampleValues(locale);
      for (const event of notificationEventNames) {
        for (const name of notificationEvents[event].placeholders) expect(values[name], `${locale} ${name}`).toBeTruthy();
      }
    }
  });
});

describe("template checks", () => {
  it("finds placeholders with or without inner spaces, once each", () => {
    expect(placeholdersIn("{{a}} {{ b }} {{a}} {{c_1}}")).toEqual(["a", "b", "c_1"]);
  });

  it("refuses an unknown placeholder and lists the known ones", () => {
    const problem = templateProblem("ticket.confirmed", "您好 {{customer_nmae}}，{{ticket_code}}");
    expect(problem).toMatch(/Unknown placeholder \{\{customer_nmae\}\}/);
    expect(problem).toContain("{{customer_name}}");
    expect(problem).toContain("{{tracking_link}}");
    // A placeholder of another event is unknown here too.
    expect(templateProblem("ticket.confirmed", "{{technician_name}}")).toMatch(/Unknown placeholder/);
  });

  it("refuses a placeholder typed wrong", () => {
    for (const text of ["{{customer_name}", "{customer_name}}", "{{ 1x }}", "{{}}"]) {
      expect(templateProblem("ticket.confirmed", text), text).toMatch(/written \{\{name\}\}/);
    }
  });

  it("renders a missing value as nothing, and leaves other text alone", () => {
    expect(renderTemplate("{{ a }}-{{b}}-{c}", { a: "1" })).toBe("1--{c}");
  });

  it("counts a WeChat Work message in bytes (4096), as the bot does", () => {
    expect(renderedProblem("wecom", "汉".repeat(1365))).toBeNull(); // 4095 bytes
    expect(renderedProblem("wecom", "汉".repeat(1366))).toMatch(/4098 bytes; at most 4096/);
  });
});
