/**
 * Auto-assignment as a pure ranking (no imports: the assign dialog runs the same function to show
 * who it would pick). Only active technicians; then, each rule deciding only between those the
 * rules before it left tied:
 *
 *   1. free in the ticket's date and slot before anyone who already has a job then — two visits at
 *      once cannot both be kept, so a clash outranks everything and such a technician comes last;
 *   2. the ticket's own service center first (seed 001) — centers serve their own districts; another
 *      center's technician may be in another city, which no skill makes up for;
 *   3. skills covering the ticket's appliance type before skills that do not — within a center, an
 *      idle technician who cannot fix the appliance costs a second visit;
 *   4. the fewest tickets assigned in the last 7 days (seed 001);
 *   5. name, then id, so the same data always picks the same person.
 */
export interface AssignmentCandidate {
  id: string;
  name: string;
  centerId: string;
  active: boolean;
  load7d: number;
  /** Appliance type codes (the `appliance_type` vocabulary of tickets). */
  skills: readonly string[];
  /** Code of a job they already have in the ticket's date and slot, or null when free then. */
  slotJob: string | null;
}

/** What the ranking needs to know about the ticket being assigned. */
export interface AssignmentTarget {
  centerId: string;
  applianceType: string;
  appointmentDate: string;
  appointmentSlot: string;
}

/** The rule that set the chosen technician apart from the runner-up. */
export type AssignmentRule = "only_candidate" | "free_slot" | "skills" | "center" | "load" | "name";

export interface AutoAssignChoice {
  technician: AssignmentCandidate;
  decidedBy: AssignmentRule;
  coversAppliance: boolean;
  sameCenter: boolean;
  /** True when everyone active already has a job in the slot, so the pick double-books someone. */
  everyoneBusy: boolean;
  /** A stable English sentence for the API and audit log; the timeline renders its own from the fields. */
  reason: string;
}

export const coversAppliance = (skills: readonly string[], applianceType: string) => skills.includes(applianceType);

type RankingRule = Exclude<AssignmentRule, "only_candidate" | "name">;
const ruleOrder: readonly RankingRule[] = ["free_slot", "center", "skills", "load"];

/** The ranking's keys, most significant first; smaller sorts earlier. */
function keysOf(c: AssignmentCandidate, target: AssignmentTarget): Record<RankingRule, number> {
  return {
    free_slot: c.slotJob === null ? 0 : 1,
    skills: coversAppliance(c.skills, target.applianceType) ? 0 : 1,
    center: c.centerId === target.centerId ? 0 : 1,
    load: c.load7d,
  };
}

/** The ranking's order; `without` leaves one rule out, to ask whether that rule changed the pick. */
function compare(a: AssignmentCandidate, b: AssignmentCandidate, target: AssignmentTarget, without?: RankingRule) {
  const ka = keysOf(a, target);
  const kb = keysOf(b, target);
  for (const rule of ruleOrder) if (rule !== without && ka[rule] !== kb[rule]) return ka[rule] - kb[rule];
  return a.name.localeCompare(b.name, "zh-CN") || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Active candidates, best first. Generic so the dialog can rank its own rows (DTO attached). */
export function rankCandidates<T extends AssignmentCandidate>(candidates: readonly T[], target: AssignmentTarget): T[] {
  return candidates.filter((c) => c.active).toSorted((a, b) => compare(a, b, target));
}

/**
 * Which rule decided: the most significant rule without which someone else would have been picked
 * (so an idler, better-matched technician skipped for a clash is reported as "free_slot", not as
 * whatever separates the winner from the runner-up); failing that, "name" when the runner-up ties on
 * every rule, else the first rule on which the winner beats the runner-up (it leads on several).
 */
function decidingRule(ranked: readonly AssignmentCandidate[], target: AssignmentTarget): AssignmentRule {
  const [best, runnerUp] = ranked;
  if (!best || !runnerUp) return "only_candidate";
  const winnerWithout = (rule: RankingRule) => ranked.reduce((min, c) => (compare(c, min, target, rule) < 0 ? c : min));
  const decisive = ruleOrder.find((rule) => winnerWithout(rule) !== best);
  if (decisive) return decisive;
  const kb = keysOf(best, target);
  const kr = keysOf(runnerUp, target);
  return ruleOrder.find((rule) => kb[rule] !== kr[rule]) ?? "name";
}

export function chooseTechnician(
  candidates: readonly AssignmentCandidate[],
  target: AssignmentTarget,
): AutoAssignChoice | null {
  const ranked = rankCandidates(candidates, target);
  const best = ranked[0];
  if (!best) return null;
  const choice = {
    technician: best,
    decidedBy: decidingRule(ranked, target),
    coversAppliance: coversAppliance(best.skills, target.applianceType),
    sameCenter: best.centerId === target.centerId,
    everyoneBusy: best.slotJob !== null,
  };
  return { ...choice, reason: describeChoice(choice, target) };
}

const ruleLabel: Record<AssignmentRule, string> = {
  only_candidate: "only active technician",
  free_slot: "free in the slot",
  skills: "skills",
  center: "service center",
  load: "load in the last 7 days",
  name: "name (tied on every rule)",
};

/**
 * e.g. "Decided by skills: covers range_hood; same service center; free on 2026-12-03 09:00-11:00;
 * 2 tickets in 7 days".
 */
function describeChoice(choice: Omit<AutoAssignChoice, "reason">, target: AssignmentTarget): string {
  const t = choice.technician;
  const when = `${target.appointmentDate} ${target.appointmentSlot}`;
  const facts = [
    `${choice.coversAppliance ? "covers" : "does not cover"} ${target.applianceType}`,
    choice.sameCenter ? "same service center" : "another service center",
    t.slotJob ? `already has ${t.slotJob} on ${when}` : `free on ${when}`,
    `${t.load7d} tickets in 7 days`,
  ];
  const head = `Decided by ${ruleLabel[choice.decidedBy]}: ${facts.join("; ")}`;
  return choice.everyoneBusy ? `Everyone active already has a job on ${when}, so this double-books. ${head}` : head;
}
