/**
 * Keywords are matched on their letters and digits: the trigram index behind substring search ignores
 * punctuation and spaces, so a keyword made of those alone has nothing to look up, and would make the
 * database read the whole index (seconds on a million tickets) to find nothing. The list refuses such a
 * keyword (lib/tickets/schemas) and the search box says why instead of sending it (no database code
 * here: the browser bundle imports this).
 */
export function hasSearchableCharacter(keyword: string): boolean {
  return /[\p{L}\p{N}]/u.test(keyword);
}
