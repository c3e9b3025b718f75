/**
 * What a keyword is, without any database code: the browser bundle imports this (the search box
 * checks a keyword before sending it) and so does the list query (./list-tickets.ts).
 */

/**
 * Keywords are matched on their letters and digits: a keyword made of punctuation and spaces alone says
 * nothing about a ticket, and its characters are in almost every address. The list refuses such a keyword
 * (lib/tickets/schemas) and the search box says why instead of sending it.
 */
export function hasSearchableCharacter(keyword: string): boolean {
  return /[\p{L}\p{N}]/u.test(keyword);
}

/** Codes are `TK` + yymmdd + 5 characters of this alphabet (codes.ts); a keyword that could begin one. */
const CODE_PREFIX = /^TK\d{2}[0-9A-HJKMNP-TV-Z]{0,9}$/;

/**
 * The code prefix a keyword names (upper-cased) and the booking days its digits allow, or null when the
 * keyword is not shaped like the start of a ticket code.
 */
export function codePrefixOf(q: string): { prefix: string; bookedFrom: Date; bookedTo: Date } | null {
  const prefix = q.trim().toUpperCase();
  if (!CODE_PREFIX.test(prefix)) return null;
  const days = bookingDaysOfCodePrefix(prefix);
  return days ? { prefix, bookedFrom: days.from, bookedTo: days.to } : null;
}

/**
 * Ticket codes are `TK` + booking day (yymmdd, service time zone) + random: a keyword `TK2602` or
 * `TK260214` names the booking year/month/day. Returns that span widened by a day each side (time zone
 * and midnight slack), or null when the keyword is not such a prefix.
 */
export function bookingDaysOfCodePrefix(q: string): { from: Date; to: Date } | null {
  const m = /^tk(\d{2})(\d{2})?(\d{2})?/i.exec(q.trim());
  if (!m) return null;
  const year = 2000 + Number(m[1]);
  const month = m[2] ? Number(m[2]) : null;
  const day = m[3] ? Number(m[3]) : null;
  if ((month !== null && (month < 1 || month > 12)) || (day !== null && (day < 1 || day > 31))) return null;
  const from = Date.UTC(year, (month ?? 1) - 1, day ?? 1);
  const to =
    day !== null
      ? Date.UTC(year, month! - 1, day + 1)
      : month !== null
        ? Date.UTC(year, month, 1)
        : Date.UTC(year + 1, 0, 1);
  const slack = 86_400_000;
  return { from: new Date(from - slack), to: new Date(to + slack) };
}
