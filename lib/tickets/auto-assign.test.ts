import { describe, expect, it } from "vitest";
import { chooseTechnician, rankCandidates, type AssignmentCandidate } from "./auto-assign";

const HOME = "center-home";
const ELSEWHERE = "center-elsewhere";

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
  ...over,
});

/** Every ordering of a small list, to prove the choice does not depend on input order. */
function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]),
  );
}

describe("auto-assignment", () => {
  it("never picks an inactive technician, however idle", () => {
    const choice = chooseTechnician([tech("a", "Idle but inactive", 0, { active: false }), tech("b", "Busy", 9)], HOME);
    expect(choice?.technician.id).toBe("b");
    expect(rankCandidates([tech("a", "x", 0, { active: false })], HOME)).toEqual([]);
  });

  it("prefers the ticket's own center over a less loaded technician elsewhere", () => {
    const choice = chooseTechnician(
      [tech("far", "Far away", 0, { centerId: ELSEWHERE }), tech("home", "Local", 7)],
      HOME,
    );
    expect(choice).toMatchObject({ technician: { id: "home" }, sameCenter: true });
    expect(choice!.reason).toMatch(/same service center/i);
    expect(choice!.reason).toContain("(7)");
  });

  it("picks the fewest tickets in the last 7 days within the center", () => {
    const ranked = rankCandidates(
      [tech("a", "A", 5), tech("b", "B", 1), tech("c", "C", 3), tech("x", "X", 0, { centerId: ELSEWHERE })],
      HOME,
    );
    expect(ranked.map((t) => t.id)).toEqual(["b", "c", "a", "x"]);
    expect(chooseTechnician(ranked, HOME)!.technician.id).toBe("b");
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
    const rankings = orders.map((o) => rankCandidates(o, HOME).map((t) => t.id));
    const choices = orders.map((o) => chooseTechnician(o, HOME)!.technician.id);
    expect(new Set(rankings.map((r) => r.join(","))).size).toBe(1);
    expect(new Set(choices)).toEqual(new Set([rankings[0]![0]]));
    // Same name: the smaller id first.
    const zhang = rankings[0]!.filter((id) => id === "id-1" || id === "id-9");
    expect(zhang).toEqual(["id-1", "id-9"]);
    // The busier one is last, whatever its name.
    expect(rankings[0]!.at(-1)).toBe("id-0");
  });

  it("falls back to another center when the ticket's center has nobody active, and says so", () => {
    const choice = chooseTechnician(
      [
        tech("home-off", "Home but off", 0, { active: false }),
        tech("e1", "Elsewhere busy", 4, { centerId: ELSEWHERE }),
        tech("e2", "Elsewhere idle", 1, { centerId: "center-third" }),
      ],
      HOME,
    );
    expect(choice).toMatchObject({ technician: { id: "e2" }, sameCenter: false });
    expect(choice!.reason).toMatch(/no active technician in the ticket's center/i);
    expect(choice!.reason).toContain("(1)");
  });

  it("returns null when nobody is active", () => {
    expect(chooseTechnician([], HOME)).toBeNull();
    expect(chooseTechnician([tech("a", "A", 0, { active: false })], HOME)).toBeNull();
  });
});
