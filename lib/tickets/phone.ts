/** Mainland China mobile numbers: 11 digits starting 13–19, optionally written with +86/0086 and separators. */
const MOBILE = /^1[3-9]\d{9}$/;

export function normalizeMainlandMobile(input: string): string | null {
  const digits = input.replace(/[\s\-()]/g, "").replace(/^(\+86|0086|86(?=1\d{10}$))/, "");
  return MOBILE.test(digits) ? digits : null;
}

export const maskPhone = (phone: string) => (phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : "****");
