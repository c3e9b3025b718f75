import "server-only";
import { and, eq } from "drizzle-orm";
import sharp from "sharp";
import {
  serviceAreas,
  serviceCenters,
  technicians,
  tickets,
  users,
  type TicketStatus,
  type UserRole,
} from "@/db/schema";
import type { Actor } from "../auth/permissions";
import { createUser, loadActor } from "../auth/users";
import { encryptSecret } from "../crypto";
import { getDb } from "../db";
import { seedDemoProjects } from "./projects";
import { getEnv } from "../env";
import { cleanUploadedImage } from "../files/images";
import { createBooking } from "../tickets/booking";
import { uploadReceipts } from "../tickets/images";
import { maskPhone } from "../tickets/phone";
import type { BookingInput } from "../tickets/schemas";
import { applianceTypes, timeSlots, type ApplianceType, type TimeSlot } from "../tickets/enums";
import { addDays, localDate, slotHasStarted } from "../tickets/slots";
import { assignTicket, cancelTicket, completeTicket, confirmTicket, startTicket } from "../tickets/transitions";

/** The demo password every seeded account shares; printed by `npm run dev` and `npm run db:seed`. */
export const DEMO_PASSWORD = "servicehub-demo";

export const demoAccounts: { email: string; name: string; role: UserRole; technician?: string }[] = [
  { email: "admin@servicehub.local", name: "系统管理员", role: "admin" },
  { email: "agent@servicehub.local", name: "客服 林小姐", role: "agent" },
  { email: "ops@servicehub.local", name: "运营 何经理", role: "ops_manager" },
  { email: "tech@servicehub.local", name: "王建国", role: "technician", technician: "王建国" },
  { email: "tech2@servicehub.local", name: "赵志强", role: "technician", technician: "赵志强" },
];

const centers = [
  { name: "上海浦东服务中心", phone: "021-5888-0001", city: "上海市", districts: ["浦东新区", "闵行区"] },
  {
    name: "上海浦西服务中心",
    phone: "021-6333-0002",
    city: "上海市",
    districts: ["黄浦区", "徐汇区", "静安区", "长宁区"],
  },
  {
    name: "杭州服务中心",
    phone: "0571-8777-0003",
    city: "杭州市",
    districts: ["西湖区", "上城区", "拱墅区", "滨江区"],
  },
];

/**
 * Skills are appliance type codes (the tickets' `appliance_type`), so auto-assignment can match them.
 * They overlap only in part, so the assign dialog shows who covers what and who does not.
 */
const crew: { name: string; center: string; phone: string; skills: ApplianceType[]; active: boolean }[] = [
  {
    name: "王建国",
    center: "上海浦东服务中心",
    phone: "13916000001",
    skills: ["integrated_stove", "range_hood", "gas_stove"],
    active: true,
  },
  {
    name: "李明",
    center: "上海浦东服务中心",
    phone: "13916000002",
    skills: ["water_heater", "gas_stove"],
    active: true,
  },
  {
    name: "赵志强",
    center: "上海浦西服务中心",
    phone: "13916000003",
    skills: ["integrated_stove", "dishwasher", "range_hood"],
    active: true,
  },
  {
    name: "陈伟",
    center: "上海浦西服务中心",
    phone: "13916000004",
    skills: ["steam_oven", "range_hood"],
    active: true,
  },
  {
    name: "周磊",
    center: "杭州服务中心",
    phone: "13916000005",
    skills: ["integrated_stove", "water_heater", "dishwasher", "steam_oven"],
    active: true,
  },
  { name: "吴斌", center: "杭州服务中心", phone: "13916000006", skills: ["gas_stove", "range_hood"], active: false },
];

const demoTickets: {
  key: string;
  status: TicketStatus;
  tech?: string;
  day: number;
  booking: Omit<BookingInput, "appointment_date" | "idempotency_key">;
}[] = [
  {
    key: "demo-01",
    status: "BOOKED",
    day: 1,
    booking: {
      customer_name: "张伟",
      phone: "13800000101",
      city: "上海市",
      district: "浦东新区",
      address: "张江路 88 弄 3 号 1201 室",
      appliance_type: "integrated_stove",
      appliance_model: "JJZT-90A",
      issue_desc: "点火后火焰很小，偶尔自动熄火",
      appointment_slot: "09:00-11:00",
    },
  },
  {
    key: "demo-02",
    status: "BOOKED",
    day: 2,
    booking: {
      customer_name: "刘芳",
      phone: "13800000102",
      city: "上海市",
      district: "徐汇区",
      address: "漕溪北路 200 号 5 楼",
      appliance_type: "range_hood",
      appliance_model: "CXW-200",
      issue_desc: "油烟机吸力明显变小，噪音大",
      appointment_slot: "14:00-16:00",
    },
  },
  {
    key: "demo-03",
    status: "BOOKED",
    day: 3,
    booking: {
      customer_name: "Emily Chen",
      phone: "13800000103",
      city: "杭州市",
      district: "西湖区",
      address: "文三路 478 号 2 单元 602",
      appliance_type: "dishwasher",
      issue_desc: "洗碗机不排水，显示 E1",
      appointment_slot: "11:00-13:00",
    },
  },
  {
    key: "demo-04",
    status: "CONFIRMED",
    day: 1,
    booking: {
      customer_name: "陈静",
      phone: "13800000104",
      city: "上海市",
      district: "闵行区",
      address: "莘庄镇莘松路 1 号",
      appliance_type: "water_heater",
      appliance_model: "JSQ25",
      issue_desc: "热水器出水忽冷忽热",
      appointment_slot: "16:00-18:00",
    },
  },
  {
    key: "demo-05",
    status: "CONFIRMED",
    day: 2,
    booking: {
      customer_name: "杨洋",
      phone: "13800000105",
      city: "上海市",
      district: "静安区",
      address: "南京西路 1266 号 3 楼",
      appliance_type: "steam_oven",
      issue_desc: "蒸烤箱门封条漏气",
      appointment_slot: "09:00-11:00",
    },
  },
  {
    key: "demo-06",
    status: "ASSIGNED",
    tech: "王建国",
    day: 0,
    booking: {
      customer_name: "黄磊",
      phone: "13800000106",
      city: "上海市",
      district: "浦东新区",
      address: "世纪大道 100 号 18 楼",
      appliance_type: "integrated_stove",
      appliance_model: "JJZT-80B",
      issue_desc: "集成灶右侧灶头打不着火",
      appointment_slot: "11:00-13:00",
    },
  },
  {
    key: "demo-07",
    status: "ASSIGNED",
    tech: "王建国",
    day: 2,
    booking: {
      customer_name: "周敏",
      phone: "13800000107",
      city: "上海市",
      district: "闵行区",
      address: "七宝镇漕宝路 3366 号",
      appliance_type: "gas_stove",
      issue_desc: "燃气灶有轻微燃气味",
      appointment_slot: "14:00-16:00",
    },
  },
  {
    key: "demo-08",
    status: "ASSIGNED",
    tech: "赵志强",
    day: 1,
    booking: {
      customer_name: "吴刚",
      phone: "13800000108",
      city: "上海市",
      district: "黄浦区",
      address: "人民大道 200 号",
      appliance_type: "range_hood",
      issue_desc: "油烟机按键失灵",
      appointment_slot: "09:00-11:00",
    },
  },
  {
    key: "demo-09",
    status: "IN_PROGRESS",
    tech: "王建国",
    day: 0,
    booking: {
      customer_name: "徐丽",
      phone: "13800000109",
      city: "上海市",
      district: "浦东新区",
      address: "陆家嘴环路 1000 号",
      appliance_type: "integrated_stove",
      issue_desc: "消毒柜不加热",
      appointment_slot: "16:00-18:00",
    },
  },
  {
    key: "demo-10",
    status: "COMPLETED",
    tech: "王建国",
    day: 1,
    booking: {
      customer_name: "孙强",
      phone: "13800000110",
      city: "上海市",
      district: "浦东新区",
      address: "金科路 2889 号",
      appliance_type: "water_heater",
      issue_desc: "热水器漏水",
      appointment_slot: "14:00-16:00",
    },
  },
  {
    key: "demo-11",
    status: "COMPLETED",
    tech: "周磊",
    day: 2,
    booking: {
      customer_name: "马琳",
      phone: "13800000111",
      city: "杭州市",
      district: "滨江区",
      address: "江南大道 3850 号",
      appliance_type: "integrated_stove",
      issue_desc: "蒸箱水箱报缺水",
      appointment_slot: "09:00-11:00",
    },
  },
  {
    key: "demo-12",
    status: "CANCELED",
    day: 4,
    booking: {
      customer_name: "朱敏",
      phone: "13800000112",
      city: "杭州市",
      district: "上城区",
      address: "解放路 18 号",
      appliance_type: "other",
      issue_desc: "已自行解决，预约取消",
      appointment_slot: "14:00-16:00",
    },
  },
];

/** Demo data for the embedded database: idempotent, every record is found by a natural key first. */
export async function seedDemoData(log: (line: string) => void = () => {}) {
  const db = await getDb();
  const centerIds = new Map<string, string>();
  for (const c of centers) {
    const [existing] = await db.select().from(serviceCenters).where(eq(serviceCenters.name, c.name));
    const center =
      existing ?? (await db.insert(serviceCenters).values({ name: c.name, phone: c.phone }).returning())[0]!;
    // Demo data from before centers had a hotline gets one; a hotline an operator set is kept.
    if (existing && existing.phone === null)
      await db.update(serviceCenters).set({ phone: c.phone }).where(eq(serviceCenters.id, existing.id));
    centerIds.set(c.name, center.id);
    for (const district of c.districts) {
      await db.insert(serviceAreas).values({ centerId: center.id, city: c.city, district }).onConflictDoNothing();
    }
  }

  const userIds = new Map<string, string>();
  for (const a of demoAccounts) {
    const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, a.email));
    const id =
      existing?.id ?? (await createUser({ email: a.email, name: a.name, role: a.role, password: DEMO_PASSWORD })).id;
    userIds.set(a.email, id);
  }

  const techIds = new Map<string, string>();
  for (const t of crew) {
    const centerId = centerIds.get(t.center)!;
    const account = demoAccounts.find((a) => a.technician === t.name);
    const [existing] = await db
      .select()
      .from(technicians)
      .where(and(eq(technicians.name, t.name), eq(technicians.centerId, centerId)));
    const tech =
      existing ??
      (
        await db
          .insert(technicians)
          .values({
            name: t.name,
            centerId,
            phoneEncrypted: encryptSecret(t.phone),
            phoneMasked: maskPhone(t.phone),
            skills: t.skills,
            active: t.active,
            userId: account ? userIds.get(account.email) : null,
          })
          .returning()
      )[0]!;
    // Demo technicians from before skills were appliance codes (free text like "集成灶") get the coded
    // list; skills that are already codes were set on purpose and are kept.
    if (existing && existing.skills.some((skill) => !(applianceTypes as readonly string[]).includes(skill)))
      await db.update(technicians).set({ skills: t.skills }).where(eq(technicians.id, existing.id));
    techIds.set(t.name, tech.id);
  }

  const admin = (await loadActor(userIds.get("admin@servicehub.local")!)) as Actor;
  const today = localDate(new Date(), getEnv().APP_TIMEZONE);
  let created = 0;
  for (const d of demoTickets) {
    const [existing] = await db.select({ id: tickets.id }).from(tickets).where(eq(tickets.idempotencyKey, d.key));
    if (existing) continue;
    const when = scheduleFor(d.day, d.booking.appointment_slot, today);
    const booking = await createBooking(
      { ...d.booking, ...when, idempotency_key: d.key },
      { ip: "seed", baseUrl: "http://localhost:3000" },
    );
    await walkTo(booking.ticket_id, d.status, admin, d.tech ? techIds.get(d.tech)! : undefined);
    created++;
  }
  const projectLink = await seedDemoProjects();
  log(
    `Demo data ready: ${centers.length} service centers, ${crew.length} technicians, ${demoAccounts.length} accounts, ${created} new tickets, 3 cached demo projects.`,
  );
  return { created, projectLink };
}

/**
 * Day 0 means "today" — the technician's page then has work to show — in the first slot that has not
 * begun yet; late in the day, when none is left, the job moves to tomorrow in its usual slot.
 */
function scheduleFor(
  day: number,
  slot: TimeSlot,
  today: string,
): { appointment_date: string; appointment_slot: TimeSlot } {
  if (day > 0) return { appointment_date: addDays(today, day), appointment_slot: slot };
  const now = new Date();
  const open = timeSlots.find((s) => !slotHasStarted(today, s, now, getEnv().APP_TIMEZONE));
  return open
    ? { appointment_date: today, appointment_slot: open }
    : { appointment_date: addDays(today, 1), appointment_slot: slot };
}

async function walkTo(ticketId: string, status: TicketStatus, admin: Actor, technicianId?: string) {
  let v = 1;
  if (status === "BOOKED") return;
  if (status === "CANCELED") {
    await cancelTicket(ticketId, v, "客户来电取消：已自行解决", admin);
    return;
  }
  v = (await confirmTicket(ticketId, v, admin)).version;
  if (status === "CONFIRMED") return;
  v = (
    await assignTicket(
      ticketId,
      technicianId ? { version: v, technician_id: technicianId } : { version: v, auto: true },
      admin,
    )
  ).version;
  if (status === "ASSIGNED") return;
  v = (await startTicket(ticketId, v, admin)).version;
  if (status === "IN_PROGRESS") return;
  await uploadReceipts(ticketId, [await cleanUploadedImage(await receiptPhoto(ticketId))], admin);
  await completeTicket(ticketId, v, admin);
}

/** A plausible receipt photo: a paper slip with a signature line, rendered as a JPEG. */
async function receiptPhoto(seed: string): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="800">
    <rect width="600" height="800" fill="#d9d4c7"/>
    <rect x="60" y="50" width="480" height="700" fill="#fffdf6" stroke="#bbb"/>
    <text x="300" y="120" font-size="34" text-anchor="middle" font-family="sans-serif" fill="#222">SERVICE RECEIPT</text>
    <text x="100" y="200" font-size="20" font-family="monospace" fill="#333">Ref ${seed.slice(0, 8)}</text>
    ${[260, 310, 360, 410, 460].map((y) => `<line x1="100" y1="${y}" x2="500" y2="${y}" stroke="#ccc"/>`).join("")}
    <path d="M120 640 C 170 590, 210 690, 260 630 S 340 600, 380 650" stroke="#1d3f8f" stroke-width="4" fill="none"/>
    <line x1="100" y1="670" x2="500" y2="670" stroke="#999"/>
  </svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer();
}
