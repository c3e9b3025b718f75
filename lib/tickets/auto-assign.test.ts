import { describe, expect, it } from "vitest";
import { chooseTechnician, rankCandidates, type AssignmentCandidate, type AssignmentTarget } from "./auto-assign";

const HOME = "center-home";
const ELSEWHERE = "center-elsewhere";

/** A range-hood visit at the home center on 3 Dec, morning. */
const target: AssignmentTarget = {
  centerId: HOME,
  applianceType: "range_hood",
  appointmentDate: "2026-12-03",
  appointmentSlot: "09:00-11:00",
};

/** An active home-center technician who covers range hoods and is free in the slot, unless overridden. */
const tech = (
  id: string,
  name: string,
  load7d: number,
  over: Partial<AssignmentCandidate> = {},
): AssignmentCandidate => ({
  id,
  name,
  centerId: HOME,
  active: true,
  load7d,
  skills: ["range_hood", "gas_stove"],
  slotJob: null,
  ...over,
});

const ids = (list: AssignmentCandidate[]) => list.map((t) => t.id);

/** Every ordering of a small list, to prove the choice does not depend on input order. */
function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]),
  );
}

describe("auto-assignment ranking", () => {
  it("never picks an inactive technician, however idle, skilled and free", () => {
    const choice = chooseTechnician(
      [tech("a", "Idle but inactive", 0, { active: false }), tech("b", "Busy", 9)],
      target,
    );
    expect(choice?.technician.id).toBe("b");
    expect(rankCandidates([tech("a", "x", 0, { active: false })], target)).toEqual([]);
  });

  it("puts a technician whose skills cover the appliance before a less loaded one whose skills do not", () => {
    const choice = chooseTechnician(
      [tech("idle", "Idle, ovens only", 0, { skills: ["steam_oven"] }), tech("skilled", "Hood expert", 6)],
      target,
    );
    expect(choice).toMatchObject({ technician: { id: "skilled" }, decidedBy: "skills", coversAppliance: true });
    expect(choice!.reason).toBe(
      "Decided by skills: covers range_hood; same service center; free on 2026-12-03 09:00-11:00; 6 tickets in 7 days",
    );
  });

  it("keeps seed 001's center first: an unskilled local technician beats a skilled one from another center", () => {
    const ranked = rankCandidates(
      [tech("far", "Far but skilled", 0, { centerId: ELSEWHERE }), tech("local", "Local", 3, { skills: [] })],
      target,
    );
    expect(ids(ranked)).toEqual(["local", "far"]);
    expect(chooseTechnician(ranked, target)).toMatchObject({ decidedBy: "center", sameCenter: true, coversAppliance: false });
  });

  it("among equally skilled technicians prefers the ticket's own center over a less loaded one elsewhere", () => {
    const choice = chooseTechnician(
      [tech("far", "Far away", 0, { centerId: ELSEWHERE }), tech("home", "Local", 7)],
      target,
    );
    expect(choice).toMatchObject({ technician: { id: "home" }, decidedBy: "center", sameCenter: true });
    expect(choice!.reason).toMatch(/^Decided by service center: covers range_hood; same service center;/);
  });

  it("puts a technician with a job in the same date and slot last, even when least loaded, skilled and local", () => {
    const ranked = rankCandidates(
      [
        tech("clash", "Clashing", 0, { slotJob: "SH20261203-0001" }),
        tech("busy", "Busy but free then", 8),
        tech("unskilled", "Unskilled", 1, { skills: [] }),
        tech("far", "Elsewhere", 2, { centerId: ELSEWHERE }),
      ],
      target,
    );
    expect(ids(ranked)).toEqual(["busy", "unskilled", "far", "clash"]);
    // The runner-up ("unskilled") differs on skills, but it is the clash that kept the idlest out.
    expect(chooseTechnician(ranked, target)).toMatchObject({ technician: { id: "busy" }, decidedBy: "free_slot" });
    // Had the clash not counted, the idle "Clashing" would have won on load; the slot decided.
    const choice = chooseTechnician(
      [tech("clash", "Clashing", 0, { slotJob: "SH20261203-0001" }), tech("busy", "Busy", 8)],
      target,
    );
    expect(choice).toMatchObject({ technician: { id: "busy" }, decidedBy: "free_slot", everyoneBusy: false });
    expect(choice!.reason).toContain("free on 2026-12-03 09:00-11:00");
  });

  it("when everyone has a job in the slot, still picks by skills, center and load, and says it double-books", () => {
    // "C" is the idlest, but cannot fix a range hood: skills decided, the clash did not.
    const choice = chooseTechnician(
      [
        tech("a", "A", 5, { slotJob: "SH-A" }),
        tech("b", "B", 2, { slotJob: "SH-B" }),
        tech("c", "C", 0, { slotJob: "SH-C", skills: [] }),
      ],
      target,
    );
    expect(choice).toMatchObject({ technician: { id: "b" }, decidedBy: "skills", everyoneBusy: true });
    expect(choice!.reason).toBe(
      "Everyone active already has a job on 2026-12-03 09:00-11:00, so this double-books. " +
        "Decided by skills: covers range_hood; same service center; already has SH-B on 2026-12-03 09:00-11:00; 2 tickets in 7 days",
    );
  });

  it("picks the fewest tickets in the last 7 days when slot, skills and center are equal", () => {
    const ranked = rankCandidates(
      [tech("a", "A", 5), tech("b", "B", 1), tech("c", "C", 3), tech("x", "X", 0, { centerId: ELSEWHERE })],
      target,
    );
    expect(ids(ranked)).toEqual(["b", "c", "a", "x"]);
    // The idle "X" lost on the center, which outranks load: that is what decided.
    expect(chooseTechnician(ranked, target)).toMatchObject({ technician: { id: "b" }, decidedBy: "center" });
    expect(chooseTechnician(ranked.slice(0, 3), target)).toMatchObject({ technician: { id: "b" }, decidedBy: "load" });
  });

  it("breaks ties by name, then by id, the same way whatever the input order", () => {
    const tied = [
      tech("id-3", "王五", 2),
      tech("id-2", "李四", 2),
      tech("id-9", "张三", 2),
      tech("id-1", "张三", 2),
      tech("id-0", "Busy", 3),
    ];
    const orders = permutations(tied);
    const rankings = orders.map((o) => ids(rankCandidates(o, target)));
    const choices = orders.map((o) => chooseTechnician(o, target)!);
    expect(new Set(rankings.map((r) => r.join(","))).size).toBe(1);
    expect(new Set(choices.map((c) => c.technician.id))).toEqual(new Set([rankings[0]![0]]));
    // Same name: the smaller id first.
    expect(rankings[0]!.filter((id) => id === "id-1" || id === "id-9")).toEqual(["id-1", "id-9"]);
    // The busier one is last, whatever its name.
    expect(rankings[0]!.at(-1)).toBe("id-0");
    expect(choices[0]!.decidedBy).toBe("name");
  });

  it("falls back to another center when the ticket's center has nobody active, and says so", () => {
    const choice = chooseTechnician(
      [
        tech("home-off", "Home but off", 0, { active: false }),
        tech("e1", "Elsewhere busy", 4, { centerId: ELSEWHERE }),
        tech("e2", "Elsewhere idle", 1, { centerId: "center-third" }),
      ],
      target,
    );
    expect(choice).toMatchObject({ technician: { id: "e2" }, sameCenter: false, decidedBy: "load" });
    expect(choice!.reason).toContain("another service center");
  });

  it("names the only active technician as such, and returns null when nobody is active", () => {
    expect(chooseTechnician([tech("a", "A", 3, { skills: [] })], target)).toMatchObject({
      decidedBy: "only_candidate",
      coversAppliance: false,
      reason: expect.stringMatching(/^Decided by only active technician: does not cover range_hood;/),
    });
    expect(chooseTechnician([], target)).toBeNull();
    expect(chooseTechnician([tech("a", "A", 0, { active: false })], target)).toBeNull();
  });
});
