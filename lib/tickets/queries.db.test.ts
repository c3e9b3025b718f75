import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { withTestDatabase } from "@/test/db";
import { createWorld, ticketIn } from "@/test/fixtures";
import { bookingDaysOfCodePrefix, codePrefixOf, KEYWORD_COUNT_CAP, listTickets, queryTicketPage } from "./queries";
import { listTicketsQuery } from "./schemas";

withTestDatabase();

type World = Awaited<ReturnType<typeof createWorld>>;
let world: World;
/** `TK` + the booking year of the tickets made here, e.g. TK26. */
let yearPrefix: string;
const list = (q: Record<string, string>) => listTickets(listTicketsQuery.parse(q), world.admin);

/**
 * Copies the world's first ticket `n` times in one statement, with a common street in the address and
 * creation times spread over the past year, so the "common keyword" plan is the one taken.
 */
async function bulkCopies(n: number, street: string) {
  const db = await getDb();
  await db.execute(sql`
    insert into tickets (code, customer_name, phone_hash, phone_encrypted, phone_masked, phone_last4, city, district,
      address, center_id, appliance_type, issue_desc, appointment_date, appointment_slot, status, created_at)
    select 'TKBULK' || g, '客户' || g, t.phone_hash, t.phone_encrypted, t.phone_masked, t.phone_last4, t.city, t.district,
      ${street} || g || '号', t.center_id, t.appliance_type, t.issue_desc, t.appointment_date, t.appointment_slot, 'COMPLETED',
      now() - (g || ' minutes')::interval
    from generate_series(1, ${n}) g, (select * from tickets limit 1) t`);
  await db.execute(sql`analyze tickets`);
}

describe("ticket list search", () => {
  beforeAll(async () => {
    world = await createWorld();
    const first = await ticketIn("BOOKED", world, { customer_name: "欧阳娜娜", address: "静安区南京西路 1266 号" });
    yearPrefix = first.booking.code.slice(0, 4);
    // An address that happens to contain a code-shaped word: a code search does not find it.
    await ticketIn("BOOKED", world, { customer_name: "司马光", address: "仓库 TK19 号" });
    await ticketIn("BOOKED", world, { customer_name: "诸葛亮", address: "仓库 A_1%区 7\\8 号" });
    await bulkCopies(3000, "长寿路");
  });

  it("counts a rare keyword exactly and finds it wherever it is", async () => {
    const page = await list({ q: "欧阳娜" });
    expect(page).toMatchObject({ total: 1, total_is_capped: false });
    expect(page.items[0]!.customer_name).toBe("欧阳娜娜");
  });

  it("caps the count of a common keyword and still returns the newest matches first", async () => {
    const page = await list({ q: "长寿路" });
    expect(page.total).toBe(KEYWORD_COUNT_CAP);
    expect(page.total_is_capped).toBe(true);
    expect(page.items).toHaveLength(20);
    const created = page.items.map((i) => i.created_at);
    expect(created).toEqual([...created].sort().reverse());
    // The second page continues where the first ended.
    const next = await list({ q: "长寿路", page: "2" });
    expect(next.items[0]!.created_at <= created.at(-1)!).toBe(true);
  });

  it("counts a common keyword under other filters up to the cap, and a filter it misses as none", async () => {
    expect(await list({ q: "长寿路", status: "COMPLETED" })).toMatchObject({
      total: KEYWORD_COUNT_CAP,
      total_is_capped: true,
    });
    expect(await list({ q: "长寿路", status: "BOOKED" })).toMatchObject({
      total: 0,
      total_is_capped: false,
      items: [],
    });
  });

  it("takes % _ and \\ in a keyword literally, not as wildcards", async () => {
    expect((await list({ q: "A_1%区" })).items.map((i) => i.customer_name)).toEqual(["诸葛亮"]);
    expect((await list({ q: "7\\8" })).items.map((i) => i.customer_name)).toEqual(["诸葛亮"]);
    expect((await list({ q: "A%1" })).total).toBe(0);
    expect((await list({ q: "a__%" })).total).toBe(0);
  });

  it("matches one- and two-character keywords against the start of the name", async () => {
    expect((await list({ q: "欧阳" })).items.map((i) => i.customer_name)).toEqual(["欧阳娜娜"]);
    expect((await list({ q: "阳娜" })).total).toBe(0);
  });

  it("finds a ticket by its full code and by a code prefix", async () => {
    const [first] = (await list({ q: "欧阳娜" })).items;
    expect((await list({ q: first!.code })).items.map((i) => i.id)).toEqual([first!.id]);
    expect((await list({ q: first!.code.slice(0, 8) })).items.map((i) => i.id)).toContain(first!.id);
  });

  it("reads a code-shaped keyword as a code prefix, in any letter case, and other code parts as substrings", async () => {
    const [first] = (await list({ q: "欧阳娜" })).items;
    expect((await list({ q: first!.code.slice(0, 9).toLowerCase() })).items.map((i) => i.id)).toContain(first!.id);
    // The code's tail is no prefix: found as a substring of the search text.
    expect((await list({ q: first!.code.slice(5) })).items.map((i) => i.id)).toEqual([first!.id]);
    const byYear = await list({ q: yearPrefix });
    expect(byYear.items.length).toBeGreaterThan(0);
    expect(byYear.items.every((i) => i.code.startsWith(yearPrefix))).toBe(true);
    expect(byYear.items.map((i) => i.customer_name)).toContain("司马光");
    expect((await list({ q: "TK19" })).total).toBe(0); // no ticket was booked in 2019; the address is not searched
  });

  it("finds only a technician's own tickets for a keyword, as for any filter", async () => {
    // Another slot than the world's other tickets: one technician's capacity is small.
    await ticketIn("ASSIGNED", world, { customer_name: "公孙甲乙", appointment_slot: "09:00-11:00" });
    await ticketIn("CONFIRMED", world, { customer_name: "公孙甲丙", appointment_slot: "09:00-11:00" });
    const asTech = await listTickets(listTicketsQuery.parse({ q: "公孙甲" }), world.techUser);
    expect(asTech.items.map((i) => i.customer_name)).toEqual(["公孙甲乙"]);
    expect(asTech.total).toBe(1);
    expect((await list({ q: "公孙甲" })).total).toBe(2);
  });

  it("answers a page past the end with no items and the right total", async () => {
    const page = await list({ q: "欧阳娜", page: "3" });
    expect(page).toMatchObject({ total: 1, items: [] });
  });
});

describe("ticket list filters", () => {
  // Runs after "ticket list search" in this file: the same world, with its 3,000 COMPLETED copies.
  const page = (q: Record<string, string>, fewMatchesMax?: number) =>
    getDb().then((db) => queryTicketPage(db, listTicketsQuery.parse(q), world.admin, { fewMatchesMax }));
  const ids = (p: Awaited<ReturnType<typeof page>>) => p.rows.map((r) => r.ticket.id);

  it("counts and pages a filter in one statement, as the walk in sort order would", async () => {
    for (const sort of ["-created_at", "created_at", "appointment_date", "-appointment_date"]) {
      for (const p of ["1", "2", "151"]) {
        const q = { status: "COMPLETED", sort, page: p };
        const few = await page(q);
        const walked = await page(q, 10); // too many for the one-statement plan: walks the sort order
        expect(few.total, `${sort} page ${p}`).toBe(walked.total);
        expect(few.total).toBeGreaterThanOrEqual(3000);
        expect(ids(few), `${sort} page ${p}`).toEqual(ids(walked));
      }
    }
  });

  it("pages a rare keyword, alone and under filters, in one statement, as the walk in sort order would", async () => {
    // 客户1, 客户10…客户19, 客户100…: 1,111 of the 3,000 copies, under the common-keyword cap.
    const filterSets: Record<string, string>[] = [
      {},
      { status: "COMPLETED" },
      { status: "COMPLETED", date_from: "2020-01-01" },
    ];
    for (const filters of filterSets) {
      for (const sort of ["-created_at", "appointment_date"]) {
        for (const p of ["1", "7", "56", "57"]) {
          const q = { q: "客户1", ...filters, sort, page: p };
          const few = await page(q);
          const walked = await page(q, 10);
          expect(few.total, JSON.stringify(q)).toBe(1111);
          expect(few.totalIsCapped).toBe(false);
          expect(walked.total).toBe(1111);
          expect(ids(few), JSON.stringify(q)).toEqual(ids(walked));
        }
      }
    }
    expect(await page({ q: "客户1", status: "BOOKED" })).toMatchObject({ rows: [], total: 0, totalIsCapped: false });
    expect(await page({ q: "客户1", page: "99" })).toMatchObject({ rows: [], total: 1111 });
  });

  it("remembers a common keyword and answers it the same way the next time", async () => {
    const first = await page({ q: "长寿路", page: "3" });
    const again = await page({ q: "长寿路", page: "3" });
    expect(again).toMatchObject({ total: KEYWORD_COUNT_CAP, totalIsCapped: true });
    expect(ids(again)).toEqual(ids(first));
    // Under a filter it misses, the count is still made: a remembered keyword is never assumed to match.
    expect(await page({ q: "长寿路", status: "BOOKED" })).toMatchObject({ rows: [], total: 0, totalIsCapped: false });
  });

  it("sorts the page by the chosen order and lists only matches", async () => {
    const asc = await page({ status: "COMPLETED", sort: "appointment_date", page_size: "50" });
    const keys = asc.rows.map((r) => `${r.ticket.appointmentDate} ${r.ticket.appointmentSlot} ${r.ticket.id}`);
    expect(keys).toEqual([...keys].sort());
    expect(asc.rows.every((r) => r.ticket.status === "COMPLETED")).toBe(true);
  });

  it("answers a page past the last match with the exact total", async () => {
    const past = await page({ status: "COMPLETED", page: "9999" });
    expect(past.rows).toEqual([]);
    expect(past.total).toBe((await page({ status: "COMPLETED" })).total);
    expect(await page({ status: "IN_PROGRESS", date_from: "2020-01-01", date_to: "2020-01-31" })).toMatchObject({
      rows: [],
      total: 0,
    });
  });
});

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
