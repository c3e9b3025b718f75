/**
 * Seed 001's auto-assignment, as a pure ranking: active technicians only; the ticket's own center
 * first; then the fewest tickets assigned in the last 7 days; ties broken by name, then id, so the
 * same data always picks the same person.
 */
export interface AssignmentCandidate {
  id: string;
  name: string;
  centerId: string;
  active: boolean;
  load7d: number;
}

export interface AutoAssignChoice {
  technician: AssignmentCandidate;
  reason: string;
  sameCenter: boolean;
}

export function rankCandidates(candidates: readonly AssignmentCandidate[], centerId: string): AssignmentCandidate[] {
  return candidates
    .filter((c) => c.active)
    .toSorted(
      (a, b) =>
        Number(b.centerId === centerId) - Number(a.centerId === centerId) ||
        a.load7d - b.load7d ||
        a.name.localeCompare(b.name, "zh-CN") ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
}

export function chooseTechnician(
  candidates: readonly AssignmentCandidate[],
  centerId: string,
): AutoAssignChoice | null {
  const [best] = rankCandidates(candidates, centerId);
  if (!best) return null;
  const sameCenter = best.centerId === centerId;
  const reason = sameCenter
    ? `Same service center; fewest tickets in the last 7 days (${best.load7d})`
    : `No active technician in the ticket's center; fewest tickets in the last 7 days elsewhere (${best.load7d})`;
  return { technician: best, reason, sameCenter };
}
