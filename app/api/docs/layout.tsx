/**
 * The API reference is part of the app, not a page beside it: it wears the staff shell (header, nav,
 * language switch, sign-out), so there is always a way back. Re-exported rather than copied so the
 * two never drift apart.
 */
export { default } from "../../admin/layout";
