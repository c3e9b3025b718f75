/**
 * Dispatch against the demo crew: 王建国 (浦东; 集成灶, 油烟机, 燃气灶) already has a job on the visit's
 * morning. An admin opens the assign dialog of a second 浦东 ticket in that slot, sees everyone's skills,
 * who covers the appliance and 王建国's clash; picking him asks for confirmation inside the dialog,
 * and after confirming he is assigned and the timeline keeps the clash. A third ticket in the same slot
 * is auto-assigned past him, and its timeline says the free slot decided.
 * Screens: e2e/screenshots/dispatch-*.png (phone 390×844 and desktop).
 */
import type { Page } from "@playwright/test";
import { accounts, expect, hydrated, serviceDate, shot, signIn, test } from "./support/fixtures";
import { fmt, zh } from "./support/i18n";

test.describe.configure({ mode: "serial" });

const { tickets: tk, common: c } = zh;
const BUSY = "王建国";
/** A morning far enough ahead that no other spec books it. */
const VISIT = { appointment_date: serviceDate(5), appointment_slot: "11:00-13:00" };

const story = {
  /** 王建国's existing job in the slot (a 浦西 ticket, so 浦东's two places in the slot stay free). */
  clash: { id: "", code: "" },
  /** The 浦东 ticket the admin assigns by hand. */
  manual: { id: "", code: "" },
  /** The 浦东 ticket auto-assignment must route around 王建国. */
  auto: { id: "", code: "" },
};

const randomPhone = () => `137${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}`;

/** A staff API call with the signed-in session, sent as the app's own page would (same Origin). */
async function post<T>(page: Page, path: string, data: unknown): Promise<T> {
  const res = await page.request.post(path, { data, headers: { Origin: new URL(page.url()).origin } });
  expect(res.ok(), `${path}: ${res.status()} ${await res.text()}`).toBe(true);
  return (await res.json()) as T;
}

/** Books a visit in VISIT's slot and confirms it, through the same API the pages use. */
async function bookConfirmed(page: Page, district: string, appliance: string, customer: string) {
  const booked = await post<{ ticket_id: string; code: string }>(page, "/api/public/booking", {
    customer_name: customer,
    phone: randomPhone(),
    city: "上海市",
    district,
    address: `${district} 测试路 ${Math.floor(Math.random() * 900) + 100} 号`,
    appliance_type: appliance,
    issue_desc: "E2E 派单测试：设备无法正常工作",
    ...VISIT,
  });
  await post(page, `/api/tickets/${booked.ticket_id}/confirm`, { version: 1 });
  return { id: booked.ticket_id, code: booked.code };
}

async function openAssignDialog(page: Page, code: string) {
  const assign = page.getByRole("button", { name: tk.actions.assign, exact: true });
  await hydrated(assign);
  await assign.click();
  const dialog = page.getByRole("dialog", { name: fmt(tk.assign.title, { code }) });
  await expect(dialog).toBeVisible();
  return dialog;
}

test("set-up: three visits on one morning, 王建国 already booked for the first", async ({ openPage }) => {
  const page = await openPage("desktop");
  await signIn(page, accounts.admin, "/admin/tickets");
  story.clash = await bookConfirmed(page, "黄浦区", "range_hood", "测试 钱先生");
  story.manual = await bookConfirmed(page, "浦东新区", "integrated_stove", "测试 孙女士");
  story.auto = await bookConfirmed(page, "闵行区", "integrated_stove", "测试 李先生");

  const techs = await page.request.get("/api/technicians");
  const busy = ((await techs.json()) as { items: { id: string; name: string }[] }).items.find((t) => t.name === BUSY);
  expect(busy, `the demo crew has ${BUSY}`).toBeDefined();
  await post(page, `/api/tickets/${story.clash.id}/assign`, { version: 2, technician_id: busy!.id });
});

test("on a phone, the assign dialog shows skills, who covers the appliance and the same-slot job", async ({
  openPage,
}) => {
  const page = await openPage("phone");
  await signIn(page, accounts.admin, `/admin/tickets/${story.manual.id}`);
  const dialog = await openAssignDialog(page, story.manual.code);

  const busyRow = dialog.locator("label").filter({ hasText: BUSY });
  await expect(busyRow).toContainText(fmt(tk.assign.slotJob, { code: story.clash.code }));
  await expect(busyRow).toContainText(fmt(tk.assign.covers, { appliance: c.appliance.integrated_stove }));
  for (const skill of [c.appliance.integrated_stove, c.appliance.range_hood, c.appliance.gas_stove])
    await expect(busyRow).toContainText(skill);
  // 李明 fixes water heaters and gas stoves, not integrated stoves, and is free that morning.
  const other = dialog.locator("label").filter({ hasText: "李明" });
  await expect(other).toContainText(c.appliance.water_heater);
  await expect(other).not.toContainText(fmt(tk.assign.covers, { appliance: c.appliance.integrated_stove }));
  await expect(other).not.toContainText(fmt(tk.assign.slotJob, { code: story.clash.code }));
  await shot(page, "dispatch-01-assign-dialog-phone");
});

test("on a desktop, picking the technician with a same-slot job warns first, then assigns after confirming", async ({
  openPage,
}) => {
  const page = await openPage("desktop");
  await signIn(page, accounts.admin, `/admin/tickets/${story.manual.id}`);
  const dialog = await openAssignDialog(page, story.manual.code);
  await expect(dialog.getByText(fmt(tk.assign.slotJob, { code: story.clash.code }))).toBeVisible();
  await shot(page, "dispatch-02-assign-dialog-desktop");

  await dialog.getByRole("radio", { name: BUSY }).check();
  await dialog.getByRole("button", { name: fmt(tk.assign.assignTo, { name: BUSY }) }).click();
  // Nothing is sent yet: the dialog asks first, naming the clashing job.
  const warning = dialog.getByRole("status").filter({ hasText: fmt(tk.assign.clashTitle, { name: BUSY }) });
  await expect(warning).toBeVisible();
  await expect(warning).toContainText(story.clash.code);
  await shot(page, "dispatch-03-clash-warning");

  // Back returns to the picker; confirming from the warning assigns.
  await dialog.getByRole("button", { name: tk.assign.clashBack }).click();
  await expect(warning).toBeHidden();
  await dialog.getByRole("button", { name: fmt(tk.assign.assignTo, { name: BUSY }) }).click();
  await dialog.getByRole("button", { name: fmt(tk.assign.clashConfirm, { name: BUSY }) }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(fmt(tk.outcome.assign, { name: BUSY }))).toBeVisible();

  const timeline = page.getByRole("list").filter({ hasText: tk.timeline.action.assigned });
  await expect(timeline).toContainText(fmt(tk.timeline.details.manualAssigned, { name: BUSY }));
  await expect(timeline).toContainText(fmt(tk.timeline.details.slotClash, { code: story.clash.code }));
  await shot(page, "dispatch-04-timeline-manual-clash");
});

test("auto-assignment skips the technician with a same-slot job, and the timeline says why", async ({ openPage }) => {
  const page = await openPage("desktop");
  await signIn(page, accounts.admin, `/admin/tickets/${story.auto.id}`);
  const dialog = await openAssignDialog(page, story.auto.code);
  await dialog.getByRole("button", { name: tk.assign.auto, exact: true }).click();
  await expect(dialog).toBeHidden();

  const timeline = page.getByRole("list").filter({ hasText: tk.timeline.action.assigned });
  // 王建国 covers integrated stoves, works at this center and would win, but is busy that morning. The
  // center comes before skills (seed 001's order): 李明, free at this center, is chosen over a skilled
  // technician of another center.
  await expect(timeline).toContainText(tk.timeline.details.decidedBy.free_slot);
  await expect(timeline).toContainText(fmt(tk.timeline.details.autoAssigned, { name: "李明" }));
  await expect(timeline).toContainText(tk.timeline.details.factSameCenter);
  await expect(timeline).not.toContainText(fmt(tk.timeline.details.autoAssigned, { name: BUSY }));
  await shot(page, "dispatch-05-timeline-auto-reason");
});
