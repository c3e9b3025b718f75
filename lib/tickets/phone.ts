/** Mainland China mobile numbers: 11 digits starting 13–19, optionally written with +86/0086 and separators. */
const MOBILE = /^1[3-9]\d{9}$/;

export function normalizeMainlandMobile(input: string): string | null {
  const digits = input.replace(/[\s\-()]/g, "").replace(/^(\+86|0086|86(?=1\d{10}$))/, "");
  return MOBILE.test(digits) ? digits : null;
}

export const maskPhone = (phone: string) => (phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : "****");

/**
 * A `tel:` address for a number as people write it ("021-5888-0001", "+86 571 8777 0003"): only the
 * digits and a leading + survive, which every phone dialer accepts.
 */
export const telHref = (phone: string) => `tel:${phone.trim().startsWith("+") ? "+" : ""}${phone.replace(/\D/g, "")}`;
