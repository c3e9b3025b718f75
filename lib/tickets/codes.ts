import { randomInt } from "node:crypto";
import { localDate } from "./slots";

// Crockford base32 without I, L, O, U: readable over the phone, no look-alike characters.
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** `TK` + booking day (yymmdd) + 5 random characters, e.g. TK261122A7Q3X; unique by index, retried on clash. */
export function newTicketCode(now: Date, timeZone: string): string {
  const day = localDate(now, timeZone).slice(2).replaceAll("-", "");
  let suffix = "";
  for (let i = 0; i < 5; i++) suffix += ALPHABET[randomInt(ALPHABET.length)];
  return `TK${day}${suffix}`;
}
