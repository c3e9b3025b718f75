import "server-only";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { projectAccessTokens, projects } from "@/db/schema";
import { getDb } from "../db";
import { transactionWithEvents } from "../jobs/outbox";
import { issueAccessLink, projectLinkPath, signAccessToken } from "../projects/access-links";
import { writeProjects } from "../projects/cache";
import { getProjectSyncConfig } from "../projects/sync-config";
import type { MappedProject } from "../projects/types";

/**
 * Demo projects for the embedded database: a few cached copies, as if a project library had been
 * synced, and a customer's link to one of them, so a newcomer can open /admin/projects and the
 * customer's page before connecting a real library. With no library set up, a copy past its expiry is
 * shown as the saved copy with the "library unreachable" notice — which is the truth.
 */
const DEMO_LINK = { projectId: "DEMO-A1001", userId: "DEMO-C1", userName: "周婷" } as const;

const day = 86_400_000;
function demoProjects(now: number): MappedProject[] {
  const iso = (ms: number) => new Date(ms).toISOString();
  return [
    {
      id: "DEMO-A1001",
      type: "aftersales",
      title: "燃气热水器不点火，上门检修",
      status: "processing",
      customerName: "周婷",
      phone: "13800001001",
      updatedAt: new Date(now - 2 * 3_600_000),
      fields: { service_time: iso(now + day + 2 * 3_600_000), fault: "打开热水龙头后热水器有咔哒声，但不点火。" },
      people: [
        { role: "customer", id: "DEMO-C1", name: "周婷", phone: "13800001001", email: "zhouting@example.com" },
        { role: "engineer", id: "DEMO-E1", name: "王建国", phone: "13900001001", email: null },
      ],
    },
    {
      id: "DEMO-S2001",
      type: "sales",
      title: "整套厨电采购（烟灶 + 洗碗机）",
      status: "shipped",
      customerName: "孙浩",
      phone: "13800002001",
      updatedAt: new Date(now - 5 * 3_600_000),
      fields: { payment_time: iso(now - 3 * day), payment_amount: 18_600 },
      people: [
        { role: "customer", id: "DEMO-C2", name: "孙浩", phone: "13800002001", email: null },
        { role: "salesman", id: "DEMO-S1", name: "李娜", phone: "13700002001", email: "lina@example.com" },
      ],
    },
    {
      id: "DEMO-P3001",
      type: "presale",
      title: "新房全屋家电方案",
      status: "pending",
      customerName: "吴倩",
      phone: "13800003001",
      updatedAt: new Date(now - day),
      fields: { expected_close_date: iso(now + 14 * day).slice(0, 10) },
      people: [
        { role: "customer", id: "DEMO-C3", name: "吴倩", phone: "13800003001", email: null },
        { role: "salesman", id: "DEMO-S1", name: "李娜", phone: "13700002001", email: "lina@example.com" },
      ],
    },
  ];
}

/** Caches the demo projects when they are not there yet; returns the path of the demo customer link. */
export async function seedDemoProjects(): Promise<string> {
  const db = await getDb();
  const [existing] = await db.select({ id: projects.id }).from(projects).where(eq(projects.id, DEMO_LINK.projectId));
  if (!existing) {
    const config = (await getProjectSyncConfig()).value;
    await transactionWithEvents((tx, emit) =>
      writeProjects(tx, emit, demoProjects(Date.now()), {
        systemId: null,
        ttlMinutes: config.cache_ttl,
        source: "sync",
        notify: { enabled: false, channels: [] },
      }),
    );
  }
  // The link stays the same from one start to the next while it lives (it expires after the usual 7 days).
  const [live] = await db
    .select()
    .from(projectAccessTokens)
    .where(
      and(
        eq(projectAccessTokens.projectId, DEMO_LINK.projectId),
        eq(projectAccessTokens.userId, DEMO_LINK.userId),
        isNull(projectAccessTokens.revokedAt),
        gt(projectAccessTokens.expiresAt, sql`now() + interval '1 day'`),
      ),
    )
    .limit(1);
  const token = live
    ? await signAccessToken(live)
    : (await issueAccessLink(db, { ...DEMO_LINK, accessType: "customer" }, null)).token;
  return projectLinkPath(DEMO_LINK.projectId, token);
}
