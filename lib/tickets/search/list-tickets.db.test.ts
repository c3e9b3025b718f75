import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { tickets } from "@/db/schema";
import { getDb } from "@/lib/db";
import { withTestDatabase } from "@/test/db";
import { createWorld, ticketIn } from "@/test/fixtures";
import { listTicketsQuery } from "../schemas";
import { KEYWORD_COUNT_CAP, listTickets, queryTicketPage } from "./list-tickets";
import { codePrefixOf } from "./keyword";

withTestDatabase();

type World = Awaited<ReturnType<typeof createWorld>>;
let world: World;
/** `TK` + the booking year of the tickets made here, e.g. TK26. */
let yearPrefix: string;
const list = (q: Record<string, string>) => listTickets(listTicketsQuery.parse(q), world.admin);
const names = async (q: Record<string, string>) => (await list(q)).items.map((i) => i.customer_name).sort();

/**
 * Copies the world's first ticket `n` times in one statement, with a common street in the address and
 * creation times spread over the past days, so the "common keyword" plan is the one taken.
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

beforeAll(async () => {
  world = await createWorld();
  const first = await ticketIn("BOOKED", world, { customer_name: "欧阳娜娜", address: "南京西路 1266 号" });
  yearPrefix = first.booking.code.slice(0, 4);
  // An address that happens to contain a code-shaped word: a code search does not find it.
  await ticketIn("BOOKED", world, { customer_name: "司马光", address: "仓库 TK19 号" });
  await ticketIn("BOOKED", world, { customer_name: "诸葛亮", address: "仓库 A_1%区 7\\8 号" });
  await ticketIn("CONFIRMED", world, { customer_name: "王伟", address: "浦东新区张江路 88 弄", phone: "13900004321" });
  await ticketIn("BOOKED", world, { customer_name: "赵敏", address: "西湖区文三路 5 号 Apt B" });
  await bulkCopies(3000, "长寿路");
});

describe("keywords of any length match anywhere", () => {
  it("finds a two-character keyword in the middle of an address", async () => {
    expect(await names({ q: "浦东" })).toEqual(["王伟"]);
    expect(await names({ q: "张江" })).toEqual(["王伟"]);
    expect(await names({ q: "西湖" })).toEqual(["赵敏"]);
    expect(await names({ q: "文三路" })).toEqual(["赵敏"]);
  });

  it("finds one or two characters inside a name, not only at its start", async () => {
    expect(await names({ q: "王伟" })).toEqual(["王伟"]);
    expect(await names({ q: "阳娜" })).toEqual(["欧阳娜娜"]);
    expect(await names({ q: "葛" })).toEqual(["诸葛亮"]);
  });

  it("finds the last four digits of the phone, and letters in any case", async () => {
    expect(await names({ q: "4321" })).toContain("王伟");
    expect(await names({ q: "apt b" })).toEqual(["赵敏"]);
    expect(await names({ q: "APT B" })).toEqual(["赵敏"]);
  });

  it("wants the characters adjacent and in order, not just present", async () => {
    expect((await list({ q: "东浦" })).total).toBe(0);
    expect((await list({ q: "浦张" })).total).toBe(0);
    expect((await list({ q: "娜阳" })).total).toBe(0);
  });

  it("applies the other filters to a short keyword", async () => {
    expect(await names({ q: "浦东", status: "CONFIRMED" })).toEqual(["王伟"]);
    expect((await list({ q: "浦东", status: "BOOKED" })).total).toBe(0);
    expect((await list({ q: "浦东", technician_id: "unassigned" })).total).toBe(1);
  });

  it("counts a rare keyword exactly", async () => {
    const page = await list({ q: "欧阳娜" });
    expect(page).toMatchObject({ total: 1, total_is_capped: false });
  });

  it("caps the count of a common keyword, one or two characters too, and returns the newest matches first", async () => {
    for (const q of ["长寿路", "长寿", "客"]) {
      const page = await list({ q });
      expect(page, q).toMatchObject({ total: KEYWORD_COUNT_CAP, total_is_capped: true });
      expect(page.items).toHaveLength(20);
      const created = page.items.map((i) => i.created_at);
      expect(created).toEqual([...created].sort().reverse());
    }
  });

  it("counts a common keyword under other filters up to the cap, and a filter it misses as none", async () => {
    expect(await list({ q: "长寿", status: "COMPLETED" })).toMatchObject({
      total: KEYWORD_COUNT_CAP,
      total_is_capped: true,
    });
    expect(await list({ q: "长寿", status: "BOOKED" })).toMatchObject({ total: 0, total_is_capped: false, items: [] });
  });

  it("takes % _ and \\ in a keyword literally, not as wildcards", async () => {
    expect(await names({ q: "A_1%区" })).toEqual(["诸葛亮"]);
    expect(await names({ q: "7\\8" })).toEqual(["诸葛亮"]);
    expect((await list({ q: "A%1" })).total).toBe(0);
    expect((await list({ q: "a__%" })).total).toBe(0);
  });

  it("finds a ticket by its full code, a code prefix in any case, and a code's tail as a substring", async () => {
    const [first] = (await list({ q: "欧阳娜" })).items;
    expect((await list({ q: first!.code })).items.map((i) => i.id)).toEqual([first!.id]);
    expect((await list({ q: first!.code.slice(0, 9).toLowerCase() })).items.map((i) => i.id)).toContain(first!.id);
    expect((await list({ q: first!.code.slice(5) })).items.map((i) => i.id)).toEqual([first!.id]);
    const byYear = await list({ q: yearPrefix });
    expect(byYear.items.every((i) => i.code.startsWith(yearPrefix))).toBe(true);
    expect(byYear.items.map((i) => i.customer_name)).toContain("司马光");
    expect((await list({ q: "TK19" })).total).toBe(0); // no ticket was booked in 2019; the address is not searched
  });

  it("finds only a technician's own tickets for a keyword, as for any filter", async () => {
    // Another slot than the world's other tickets: one technician's capacity is small.
    await ticketIn("ASSIGNED", world, { customer_name: "公孙甲乙", appointment_slot: "09:00-11:00" });
    await ticketIn("CONFIRMED", world, { customer_name: "公孙甲丙", appointment_slot: "09:00-11:00" });
    const asTech = await listTickets(listTicketsQuery.parse({ q: "公孙" }), world.techUser);
    expect(asTech.items.map((i) => i.customer_name)).toEqual(["公孙甲乙"]);
    expect(asTech.total).toBe(1);
    expect((await list({ q: "公孙" })).total).toBe(2);
  });

  it("answers a page past the end with no items and the right total", async () => {
    expect(await list({ q: "欧阳娜", page: "3" })).toMatchObject({ total: 1, items: [] });
  });
});

describe("every plan answers as the plain query", () => {
  type Plain = { id: string; haystack: string; code: string; status: string; date: string; slot: string; created: Date };
  let all: Plain[];
  beforeAll(async () => {
    const db = await getDb();
    const rows = await db.select().from(tickets);
    all = rows.map((t) => ({
      id: t.id,
      // What a user reads as the searched fields, lower-cased: code, name, phone tail, address.
      haystack: `${t.code} ${t.customerName} ${t.phoneLast4} ${t.city}${t.district}${t.address}`.toLowerCase(),
      code: t.code,
      status: t.status,
      date: t.appointmentDate,
      slot: t.appointmentSlot,
      created: t.createdAt,
    }));
  });

  /** The answer worked out in plain code from every ticket: filter, sort, slice; a keyword's count capped. */
  function plainPage(q: { q?: string; status?: string; date_from?: string; sort: string; page: number }) {
    const code = q.q === undefined ? null : codePrefixOf(q.q);
    const matches = all.filter(
      (t) =>
        (q.q === undefined || (code ? t.code.startsWith(code.prefix) : t.haystack.includes(q.q.toLowerCase()))) &&
        (q.status === undefined || t.status === q.status) &&
        (q.date_from === undefined || t.date >= q.date_from),
    );
    const key = (t: Plain) =>
      q.sort.includes("appointment") ? `${t.date} ${t.slot} ${t.id}` : `${t.created.toISOString()} ${t.id}`;
    matches.sort((a, b) => (key(a) < key(b) ? -1 : 1) * (q.sort.startsWith("-") ? -1 : 1));
    const textKeyword = q.q !== undefined && !code;
    return {
      ids: matches.slice((q.page - 1) * 20, q.page * 20).map((t) => t.id),
      total: textKeyword ? Math.min(matches.length, KEYWORD_COUNT_CAP) : matches.length,
      totalIsCapped: textKeyword && matches.length > KEYWORD_COUNT_CAP,
    };
  }

  const page = (q: Record<string, string>, fewMatchesMax?: number) =>
    getDb().then((db) => queryTicketPage(db, listTicketsQuery.parse(q), world.admin, { fewMatchesMax }));

  it("for keywords rare and common, one character to many, alone and under filters, on every sort and page", async () => {
    // 客户1…: 1,111 of the 3,000 copies (rare: gathered through the index); 长寿 and 客: all 3,000 (common: walked).
    const keywords = [undefined, "客户1", "户12", "长寿", "客", "浦东", "1", yearPrefix];
    const filterSets = [{}, { status: "COMPLETED", date_from: "2020-01-01" }, { status: "BOOKED" }];
    for (const keyword of keywords) {
      for (const filters of filterSets) {
        for (const sort of ["-created_at", "appointment_date"]) {
          for (const p of [1, 56]) {
            const q = { ...(keyword === undefined ? {} : { q: keyword }), ...filters, sort, page: p };
            const expected = plainPage(q);
            const got = await page({ ...q, page: String(p) } as Record<string, string>);
            const label = JSON.stringify(q);
            expect(got.total, label).toBe(expected.total);
            expect(got.totalIsCapped, label).toBe(expected.totalIsCapped);
            expect(got.rows.map((r) => r.ticket.id), label).toEqual(expected.ids);
          }
        }
      }
    }
  }, 120_000);

  it("for filters whose matches are walked in sort order rather than gathered", async () => {
    for (const sort of ["-created_at", "created_at", "appointment_date", "-appointment_date"]) {
      for (const p of [1, 2, 151]) {
        const q = { status: "COMPLETED", sort, page: p };
        const expected = plainPage(q);
        const walked = await page({ ...q, page: String(p) }, 10); // too many for gathering: walks the sort order
        expect(walked.total, `${sort} page ${p}`).toBe(expected.total);
        expect(walked.rows.map((r) => r.ticket.id), `${sort} page ${p}`).toEqual(expected.ids);
      }
    }
  });
});
