import { z, type ZodType } from "zod";
import { createTokenBody, tokenIdParams } from "../auth/schemas";
import {
  channelParam,
  listNotificationsQuery,
  notificationIdParam,
  previewTemplateBody,
  saveChannelSettingsBody,
  templateIdParam,
  testChannelBody,
  updateTemplateBody,
} from "../notifications/schemas";
import {
  createSystemBody,
  haierLogsQuery,
  limitQuery,
  numericIdParams,
  performanceQuery,
  recordIdParams,
  syncLogFilters,
  syncLogListQuery,
  updateSystemBody,
} from "../sync/schemas";
import {
  listWorkOrdersQuery,
  pageQuery,
  updateExternalBody,
  updateWorkOrderBody,
  upcomingQuery,
  workOrderIdParams,
} from "../work-orders/schemas";
import {
  accessLinkParams,
  createAccessLinkBody,
  listProjectsQuery,
  pageQuery as projectPageQuery,
  projectIdParams,
  projectSyncBody,
  projectViewQuery,
  saveProjectSyncConfigBody,
  saveTimeDisplayBody,
  verifyAccessQuery,
} from "../projects/schemas";
import {
  assignBody,
  availabilityQuery,
  bookingInput,
  cancelBody,
  customerCancelBody,
  imageIdParams,
  listTechniciansQuery,
  listTicketsQuery,
  slotsQuery,
  addNoteBody,
  ticketIdParams,
  trackImageParams,
  versionBody,
} from "../tickets/schemas";

/**
 * The API's description, built from the same zod schemas the handlers parse with. Every route file
 * under app/api must have its methods listed here (a test checks it), so /api/openapi.json and
 * /api/docs never fall behind the code.
 */
export interface Endpoint {
  method: "get" | "post" | "put" | "delete";
  path: string;
  tag: string;
  summary: string;
  /** "public", or the permission required. */
  access: string;
  params?: ZodType;
  query?: ZodType;
  body?: ZodType;
  multipart?: { field: string; description: string; extraFields?: ZodType };
  responses: Record<number, string>;
}

const tokenParam = z.object({ token: z.string().describe("The tracking token from the booking answer") });
const fileQuery = z.object({ size: z.enum(["full", "thumb"]).default("full") });
const stateChange = {
  200: "The updated ticket",
  409: "Stale version (`conflict`, with the current ticket) or wrong state (`invalid_transition`)",
};

export const endpoints: Endpoint[] = [
  {
    method: "post",
    path: "/api/public/booking",
    tag: "Public",
    summary: "Book a repair visit (JSON, or multipart with up to 4 fault photos in `photos`)",
    access: "public",
    body: bookingInput,
    multipart: {
      field: "photos",
      description: "Fault photos (jpg/png/webp ≤ MAX_UPLOAD_MB each)",
      extraFields: bookingInput,
    },
    responses: {
      201: "Ticket code and tracking link",
      200: "Same idempotency key: the first answer again",
      409: "Slot full",
      429: "Rate limited",
    },
  },
  {
    method: "get",
    path: "/api/public/service-areas",
    tag: "Public",
    summary: "Cities and districts served",
    access: "public",
    responses: { 200: "Areas" },
  },
  {
    method: "get",
    path: "/api/public/slots",
    tag: "Public",
    summary: "Time slots of a day with remaining capacity",
    access: "public",
    query: slotsQuery,
    responses: { 200: "Slots" },
  },
  {
    method: "get",
    path: "/api/public/availability",
    tag: "Public",
    summary: "Which days of the booking window (today + 30 days) still have a free slot: available, full or closed",
    access: "public",
    query: availabilityQuery,
    responses: { 200: "Days with their status", 422: "Unknown city or district", 429: "Rate limited" },
  },
  {
    method: "get",
    path: "/api/public/track/{token}/images/{imageId}",
    tag: "Public",
    summary: "A photo the customer may see (completion receipts, their own fault photos), once the ticket is completed",
    access: "public",
    params: trackImageParams,
    query: fileQuery,
    responses: { 200: "Image bytes", 404: "Invalid link, or no such photo for this customer" },
  },
  {
    method: "get",
    path: "/api/public/track/{token}",
    tag: "Public",
    summary: "The customer's view of their ticket",
    access: "public",
    params: tokenParam,
    responses: { 200: "Tracking view", 404: "Invalid, expired or revoked link" },
  },
  {
    method: "post",
    path: "/api/public/track/{token}/cancel",
    tag: "Public",
    summary: "Customer cancels (until a technician is assigned)",
    access: "public",
    params: tokenParam,
    body: customerCancelBody,
    responses: { 200: "Tracking view", 409: "No longer cancellable" },
  },
  {
    method: "get",
    path: "/api/tickets",
    tag: "Tickets",
    summary: "List tickets (filters, sort, pagination)",
    access: "tickets.read",
    query: listTicketsQuery,
    responses: { 200: "{ items, total, total_is_capped, page, page_size, page_count } — a keyword matching more than 2,000 tickets is counted as 2,000 with total_is_capped" },
  },
  {
    method: "get",
    path: "/api/tickets/counts",
    tag: "Tickets",
    summary: "Tickets per status under the list filters",
    access: "tickets.read",
    query: listTicketsQuery,
    responses: { 200: "{ counts }" },
  },
  {
    method: "get",
    path: "/api/tickets/{id}",
    tag: "Tickets",
    summary: "One ticket with images and event timeline",
    access: "tickets.read",
    params: ticketIdParams,
    responses: { 200: "Ticket detail", 404: "Not found or not yours" },
  },
  {
    method: "post",
    path: "/api/tickets/{id}/notes",
    tag: "Tickets",
    summary: "Add an internal note: shown in the staff timeline and the detail's notes, never on the customer's tracking page. Audited",
    access: "tickets.write",
    params: ticketIdParams,
    body: addNoteBody,
    responses: { 201: "{ id, body, author, created_at }", 404: "No such ticket, or not one of yours" },
  },
  {
    method: "post",
    path: "/api/tickets/{id}/confirm",
    tag: "Tickets",
    summary: "Confirm a booking",
    access: "tickets.write",
    params: ticketIdParams,
    body: versionBody,
    responses: stateChange,
  },
  {
    method: "post",
    path: "/api/tickets/{id}/assign",
    tag: "Tickets",
    summary: "Assign a technician, or auto-assign",
    access: "tickets.assign",
    params: ticketIdParams,
    body: assignBody,
    responses: stateChange,
  },
  {
    method: "post",
    path: "/api/tickets/{id}/start",
    tag: "Tickets",
    summary: "Start the job",
    access: "tickets.complete",
    params: ticketIdParams,
    body: versionBody,
    responses: stateChange,
  },
  {
    method: "post",
    path: "/api/tickets/{id}/images",
    tag: "Tickets",
    summary: "Upload a receipt photo (multipart `file`)",
    access: "tickets.upload",
    params: ticketIdParams,
    multipart: { field: "file", description: "One image (jpg/png/webp ≤ MAX_UPLOAD_MB); EXIF is stripped" },
    responses: { 201: "Stored images and receipt count", 413: "Too large", 422: "Not an allowed image" },
  },
  {
    method: "post",
    path: "/api/tickets/{id}/complete",
    tag: "Tickets",
    summary: "Complete (needs a receipt photo)",
    access: "tickets.complete",
    params: ticketIdParams,
    body: versionBody,
    responses: { ...stateChange, 409: "Stale, wrong state, or `receipt_required`" },
  },
  {
    method: "post",
    path: "/api/tickets/{id}/cancel",
    tag: "Tickets",
    summary: "Cancel with a reason",
    access: "tickets.write",
    params: ticketIdParams,
    body: cancelBody,
    responses: stateChange,
  },
  {
    method: "post",
    path: "/api/tickets/{id}/phone",
    tag: "Tickets",
    summary: "Reveal the customer's phone (audited)",
    access: "tickets.reveal_phone",
    params: ticketIdParams,
    responses: { 200: "{ phone }" },
  },
  {
    method: "get",
    path: "/api/tickets/{id}/tracking-link",
    tag: "Tickets",
    summary: "The customer's live tracking link",
    access: "tickets.write",
    params: ticketIdParams,
    responses: { 200: "{ url, expires_at }" },
  },
  {
    method: "post",
    path: "/api/tickets/{id}/tracking-link",
    tag: "Tickets",
    summary: "Revoke live tracking links and issue a new one",
    access: "tickets.write",
    params: ticketIdParams,
    responses: { 200: "{ url, expires_at, revoked }" },
  },
  {
    method: "get",
    path: "/api/technicians",
    tag: "Tickets",
    summary: "Technicians with center, skills and 7-day load; with ticket_id, who covers it and same-slot jobs",
    access: "tickets.read",
    query: listTechniciansQuery,
    responses: { 200: "{ items }" },
  },
  {
    method: "get",
    path: "/api/files/ticket-receipt/{id}",
    tag: "Files",
    summary: "Download a ticket image",
    access: "tickets.read",
    params: imageIdParams,
    query: fileQuery,
    responses: { 200: "The image bytes", 404: "Not found or not yours" },
  },
  {
    method: "get",
    path: "/api/tokens",
    tag: "Account",
    summary: "Your API tokens (never the secrets)",
    access: "tokens.manage",
    responses: { 200: "{ items }" },
  },
  {
    method: "post",
    path: "/api/tokens",
    tag: "Account",
    summary:
      "Create an API token (the secret is in this answer only). Signed-in sessions only, not API tokens; " +
      "expires after `expires_in_days`, at most and by default API_TOKEN_MAX_DAYS (365)",
    access: "tokens.manage",
    body: createTokenBody,
    responses: {
      201: "{ id, name, prefix, expiresAt, token }",
      403: "Called with an API token",
      422: "Longer than API_TOKEN_MAX_DAYS",
    },
  },
  {
    method: "delete",
    path: "/api/tokens/{id}",
    tag: "Account",
    summary: "Revoke one of your tokens",
    access: "tokens.manage",
    params: tokenIdParams,
    responses: { 200: "{ revoked }" },
  },
  {
    method: "get",
    path: "/api/health",
    tag: "System",
    summary: "Database and job-driver status; `proxy` says how client addresses are read (and warns when they can be forged)",
    access: "public",
    responses: { 200: "OK", 503: "Degraded" },
  },
  {
    method: "get",
    path: "/api/openapi.json",
    tag: "System",
    summary: "This document (readable form: /api/docs)",
    access: "public",
    responses: { 200: "OpenAPI 3.1" },
  },
  // ── Work-order sync hub (seeds 000 and 002) ──────────────────────────────────────────────────
  {
    method: "get",
    path: "/api/work-order-systems/",
    tag: "Work-order systems",
    summary: "External systems (Jira, Zendesk); credentials only as api_key_set / password_set",
    access: "integrations.manage",
    responses: { 200: "{ count, next, previous, results }" },
  },
  {
    method: "post",
    path: "/api/work-order-systems/",
    tag: "Work-order systems",
    summary: "Create a system; `type` may be left out when the name says it (\"jira\", \"zendesk\"); an empty credential means not set",
    access: "integrations.manage",
    body: createSystemBody,
    responses: { 201: "The system", 422: "Invalid field (bad URL, unknown type, bad cron, …)" },
  },
  {
    method: "get",
    path: "/api/work-order-systems/{id}/",
    tag: "Work-order systems",
    summary: "One system, with its schedule's next five runs and its last run",
    access: "integrations.manage",
    params: numericIdParams,
    responses: { 200: "The system", 404: "No such system" },
  },
  {
    method: "put",
    path: "/api/work-order-systems/{id}/",
    tag: "Work-order systems",
    summary: "Change the fields sent; a credential left out stays, an empty one is cleared",
    access: "integrations.manage",
    params: numericIdParams,
    body: updateSystemBody,
    responses: { 200: "The system", 404: "No such system", 422: "Invalid field" },
  },
  {
    method: "delete",
    path: "/api/work-order-systems/{id}/",
    tag: "Work-order systems",
    summary: "Delete a system and its work orders; its sync runs stay readable in the log",
    access: "integrations.manage",
    params: numericIdParams,
    responses: { 200: "{ deleted, name }", 409: "A sync of it is running" },
  },
  {
    method: "post",
    path: "/api/work-order-systems/{id}/sync/",
    tag: "Work-order systems",
    summary: "Start a sync now; follow the run at /api/sync-logs/{id}/",
    access: "integrations.manage",
    params: numericIdParams,
    responses: { 202: "The pending run", 409: "A sync of this system is running (`details.running_run_id`)" },
  },
  {
    method: "post",
    path: "/api/work-order-systems/sync_all/",
    tag: "Work-order systems",
    summary: "Start a sync of every active system",
    access: "integrations.manage",
    responses: { 202: "{ started: [runs], skipped: [{ system_id, reason, running_run_id }] }" },
  },
  {
    method: "post",
    path: "/api/work-order-systems/{id}/test_connection/",
    tag: "Work-order systems",
    summary: "Call the remote with the stored credentials",
    access: "integrations.manage",
    params: numericIdParams,
    responses: { 200: "{ ok, message, latency_ms } — bad credentials, unreachable host, TLS error, timeout… in plain words" },
  },
  {
    method: "post",
    path: "/api/work-order-systems/{id}/enable/",
    tag: "Work-order systems",
    summary: "Resume scheduled syncs",
    access: "integrations.manage",
    params: numericIdParams,
    responses: { 200: "The system" },
  },
  {
    method: "post",
    path: "/api/work-order-systems/{id}/disable/",
    tag: "Work-order systems",
    summary: "Stop scheduled syncs (manual ones still work)",
    access: "integrations.manage",
    params: numericIdParams,
    responses: { 200: "The system" },
  },
  {
    method: "get",
    path: "/api/work-orders/",
    tag: "Work orders",
    summary: "The unified list of work orders from every system (deleted ones with include_deleted=true)",
    access: "work_orders.read",
    query: listWorkOrdersQuery,
    responses: { 200: "{ count, next, previous, results }" },
  },
  {
    method: "get",
    path: "/api/work-orders/{id}/",
    tag: "Work orders",
    summary: "One work order, with its description",
    access: "work_orders.read",
    params: workOrderIdParams,
    responses: { 200: "The work order", 404: "No such work order" },
  },
  {
    method: "put",
    path: "/api/work-orders/{id}/",
    tag: "Work orders",
    summary: "Change our own fields: note, local_assignee, tags (a sync never overwrites them)",
    access: "work_orders.write",
    params: workOrderIdParams,
    body: updateWorkOrderBody,
    responses: { 200: "The work order" },
  },
  {
    method: "get",
    path: "/api/work-orders/{id}/status_options/",
    tag: "Work orders",
    summary: "The statuses the remote allows this work order to move to now",
    access: "work_orders.write",
    params: workOrderIdParams,
    responses: { 200: "{ options: [{ value, label }] }", 502: "The remote could not be reached" },
  },
  {
    method: "post",
    path: "/api/work-orders/{id}/update_external/",
    tag: "Work orders",
    summary: "Push a status and/or a comment to the remote; logged as a `manual` sync run",
    access: "work_orders.write",
    params: workOrderIdParams,
    body: updateExternalBody,
    responses: { 200: "{ work_order, run }", 422: "The remote does not allow that status now", 502: "The remote failed" },
  },
  {
    method: "get",
    path: "/api/work-orders/statistics/",
    tag: "Work orders",
    summary: "Counts by system, status and priority; overdue; due within 3 days",
    access: "work_orders.read",
    responses: { 200: "Statistics" },
  },
  {
    method: "get",
    path: "/api/work-orders/overdue/",
    tag: "Work orders",
    summary: "Open work orders past their due date",
    access: "work_orders.read",
    query: pageQuery,
    responses: { 200: "{ count, next, previous, results }" },
  },
  {
    method: "get",
    path: "/api/work-orders/upcoming_deadline/",
    tag: "Work orders",
    summary: "Open work orders due within `days` (default 7)",
    access: "work_orders.read",
    query: upcomingQuery,
    responses: { 200: "{ count, next, previous, results }" },
  },
  {
    method: "get",
    path: "/api/sync-logs/",
    tag: "Sync logs",
    summary: "Every sync run, newest first",
    access: "sync_logs.read",
    query: syncLogListQuery,
    responses: { 200: "{ count, next, previous, results }" },
  },
  {
    method: "get",
    path: "/api/sync-logs/{id}/",
    tag: "Sync logs",
    summary: "One run (poll it while it runs)",
    access: "sync_logs.read",
    params: recordIdParams,
    responses: { 200: "The run", 404: "No such run" },
  },
  {
    method: "get",
    path: "/api/sync-logs/statistics/",
    tag: "Sync logs",
    summary: "Success rate and average duration, overall, per system and per sync type",
    access: "sync_logs.read",
    query: syncLogFilters,
    responses: { 200: "Statistics" },
  },
  {
    method: "get",
    path: "/api/sync-logs/recent_failures/",
    tag: "Sync logs",
    summary: "Failed and partial runs, newest first",
    access: "sync_logs.read",
    query: limitQuery,
    responses: { 200: "{ count, results }" },
  },
  {
    method: "get",
    path: "/api/sync-logs/performance_analysis/",
    tag: "Sync logs",
    summary: "Per system: runs, p50/p95 duration, records per second, trend by day",
    access: "sync_logs.read",
    query: performanceQuery,
    responses: { 200: "{ days, systems }" },
  },
  {
    method: "get",
    path: "/api/haier/logs/",
    tag: "Sync logs",
    summary: "Seed 002's supplier log view: the newest `limit` runs (count = number returned)",
    access: "integrations.manage",
    query: haierLogsQuery,
    responses: { 200: "{ count, results }" },
  },
  {
    method: "get",
    path: "/api/projects",
    tag: "Projects",
    summary: "Cached projects with their cache state (fresh / expiring / expired), filtered and paginated",
    access: "projects.read",
    query: listProjectsQuery,
    responses: { 200: "{ count, page, page_size, cache_states, cache_ttl, results }" },
  },
  {
    method: "get",
    path: "/api/projects/{id}",
    tag: "Projects",
    summary:
      "One project, cache first (seed 003): with a link's `token`, or signed in with projects.read (adds `status_history`). " +
      "`force_sync=true` asks the library (limited per link); when the library is down the saved copy comes back with `stale: true`",
    access: "public",
    params: projectIdParams,
    query: projectViewQuery,
    responses: {
      200: "{ project, from_cache, cache_time, last_sync, stale, … }",
      401: "Invalid, expired, revoked or tampered link",
      403: "A link for another project or person",
      404: "The library no longer has the project",
      429: "Refreshed too often through this link",
      503: "The library is unreachable and there is no saved copy",
    },
  },
  {
    method: "get",
    path: "/api/projects/{id}/verify-access",
    tag: "Projects",
    summary: "Whether a link's token opens the project (seed 003): { has_access, user_id, user_name, access_type }",
    access: "public",
    params: projectIdParams,
    query: verifyAccessQuery,
    responses: { 200: "Access", 401: "Not a valid link", 403: "A link for another project" },
  },
  {
    method: "get",
    path: "/api/projects/{id}/tokens",
    tag: "Projects",
    summary: "The project's links (active, expired, revoked), newest first",
    access: "projects.share",
    params: projectIdParams,
    responses: { 200: "{ results }" },
  },
  {
    method: "post",
    path: "/api/projects/{id}/tokens",
    tag: "Projects",
    summary: "Create a link for one person on the project (expires after ttl_days, default PROJECT_LINK_TTL_DAYS)",
    access: "projects.share",
    params: projectIdParams,
    body: createAccessLinkBody,
    responses: { 201: "{ token, url, expires_at, link }", 422: "The person is not on the project in that role" },
  },
  {
    method: "delete",
    path: "/api/projects/{id}/tokens/{jti}",
    tag: "Projects",
    summary: "Revoke a link (it opens nothing from then on)",
    access: "projects.share",
    params: accessLinkParams,
    responses: { 200: "The revoked link", 404: "No such link on this project" },
  },
  {
    method: "post",
    path: "/api/projects/sync",
    tag: "Projects",
    summary: "Sync projects from the library now and wait for the result (seed 003): counts, duration and status changes",
    access: "projects.sync",
    body: projectSyncBody,
    responses: {
      200: "{ success, total, updated, unchanged, sync_time, duration, changes }",
      409: "A sync is already running, or no project library is set up",
    },
  },
  {
    method: "get",
    path: "/api/projects/sync-history",
    tag: "Projects",
    summary: "Project syncs and cache cleanups, newest first (seed 003)",
    access: "projects.read",
    query: projectPageQuery,
    responses: { 200: "{ history, pagination: { page, page_size, total } }" },
  },
  {
    method: "get",
    path: "/api/config/project-sync",
    tag: "Config",
    summary: "The project-sync config, the last sync time and the next five run times",
    access: "integrations.manage",
    responses: { 200: "{ config, last_sync_time, next_runs, effective_cron }" },
  },
  {
    method: "post",
    path: "/api/config/project-sync",
    tag: "Config",
    summary: "Save project-sync settings (fields left out keep their value); an invalid cron is a 422 saying why",
    access: "integrations.manage",
    body: saveProjectSyncConfigBody,
    responses: { 200: "{ success, message, config, next_runs, … }" },
  },
  {
    method: "get",
    path: "/api/config/time-display",
    tag: "Config",
    summary: "How project times are shown: a format per type, the time zone, whether payment time shows",
    access: "integrations.manage",
    responses: { 200: "The time-display config" },
  },
  {
    method: "post",
    path: "/api/config/time-display",
    tag: "Config",
    summary: "Save the time-display config (known format tokens and real IANA zones only)",
    access: "integrations.manage",
    body: saveTimeDisplayBody,
    responses: { 200: "The saved config" },
  },
  {
    method: "get",
    path: "/api/config/notification-channels",
    tag: "Notifications",
    summary: "The WeChat Work, SMS and e-mail settings; secrets show only as set or not",
    access: "notifications.manage",
    responses: { 200: "{ wecom, sms, email, delivery, active, updated_at, updated_by }" },
  },
  {
    method: "put",
    path: "/api/config/notification-channels",
    tag: "Notifications",
    summary: "Save channel settings (a channel or field left out is unchanged; secrets are write-only). Audited",
    access: "notifications.manage",
    body: saveChannelSettingsBody,
    responses: { 200: "The settings and the fields that changed", 422: "A bad URL, port or address, or an enabled channel lacking a field" },
  },
  {
    method: "post",
    path: "/api/config/notification-channels/{channel}/test",
    tag: "Notifications",
    summary: "Send one test message over the saved settings; the answer carries the provider's own words",
    access: "notifications.manage",
    params: z.object({ channel: channelParam }),
    body: testChannelBody,
    responses: { 200: "{ ok, message }", 409: "The channel is not enabled or not complete" },
  },
  {
    method: "get",
    path: "/api/notification-templates",
    tag: "Notifications",
    summary: "Every template (event × channel × locale) with its placeholders, switch and default",
    access: "notifications.manage",
    responses: { 200: "{ results }" },
  },
  {
    method: "put",
    path: "/api/notification-templates/{id}",
    tag: "Notifications",
    summary: "Save a template's text or SMS template code, switch its event on or off, or reset it to the default",
    access: "notifications.manage",
    params: z.object({ id: templateIdParam }),
    body: updateTemplateBody,
    responses: { 200: "The template", 422: "An unknown placeholder (named with the known ones), or a text too long for the channel" },
  },
  {
    method: "post",
    path: "/api/notification-templates/preview",
    tag: "Notifications",
    summary: "Render a template text with sample values, with its size and any problem (nothing is saved)",
    access: "notifications.manage",
    body: previewTemplateBody,
    responses: { 200: "{ subject, text, bytes, max_bytes, problems }" },
  },
  {
    method: "get",
    path: "/api/notifications",
    tag: "Notifications",
    summary: "Every message, newest first, with counts per status",
    access: "notifications.manage",
    query: listNotificationsQuery,
    responses: { 200: "{ items, total, page, page_size, counts }" },
  },
  {
    method: "get",
    path: "/api/notifications/{id}",
    tag: "Notifications",
    summary: "One message: recipient (masked), status, attempts, last error, rendered text",
    access: "notifications.manage",
    params: z.object({ id: notificationIdParam }),
    responses: { 200: "The message", 404: "No such message" },
  },
  {
    method: "post",
    path: "/api/notifications/{id}/retry",
    tag: "Notifications",
    summary: "Re-queue a dead, failed or unsent message with fresh attempts and send it now",
    access: "notifications.manage",
    params: z.object({ id: notificationIdParam }),
    responses: { 200: "{ id, status }", 409: "The message is pending, sending or sent" },
  },
];

const jsonSchema = (schema: ZodType) =>
  z.toJSONSchema(schema, { io: "input", unrepresentable: "any", target: "draft-2020-12" });

function parameters(e: Endpoint) {
  const out: object[] = [];
  for (const [where, schema] of [
    ["path", e.params],
    ["query", e.query],
  ] as const) {
    if (!schema) continue;
    const js = jsonSchema(schema) as { properties?: Record<string, object>; required?: string[] };
    for (const [name, s] of Object.entries(js.properties ?? {})) {
      out.push({ name, in: where, required: where === "path" || (js.required ?? []).includes(name), schema: s });
    }
  }
  return out;
}

const errorSchema = {
  type: "object",
  properties: {
    error: {
      type: "object",
      required: ["code", "message"],
      properties: { code: { type: "string" }, message: { type: "string" }, details: { type: "object" } },
    },
  },
};

export function openApiDocument(serverUrl: string) {
  const paths: Record<string, Record<string, object>> = {};
  for (const e of endpoints) {
    const content: Record<string, object> = {};
    if (e.body) content["application/json"] = { schema: jsonSchema(e.body) };
    if (e.multipart) {
      const extra = e.multipart.extraFields
        ? (jsonSchema(e.multipart.extraFields) as { properties?: object }).properties
        : {};
      content["multipart/form-data"] = {
        schema: {
          type: "object",
          properties: {
            ...extra,
            [e.multipart.field]: { type: "string", format: "binary", description: e.multipart.description },
          },
        },
      };
    }
    paths[e.path] ??= {};
    paths[e.path]![e.method] = {
      tags: [e.tag],
      summary: e.summary,
      description: e.access === "public" ? "No authentication." : `Requires the \`${e.access}\` permission.`,
      security: e.access === "public" ? [] : [{ bearer: [] }, { session: [] }],
      parameters: parameters(e),
      ...(Object.keys(content).length ? { requestBody: { required: true, content } } : {}),
      responses: {
        ...Object.fromEntries(Object.entries(e.responses).map(([code, description]) => [code, { description }])),
        "4XX": { description: "Error", content: { "application/json": { schema: errorSchema } } },
      },
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "ServiceHub API",
      version: "1",
      description: "After-sales service hub. Errors are always `{ error: { code, message, details? } }`.",
    },
    servers: [{ url: serverUrl }],
    components: {
      securitySchemes: {
        bearer: {
          type: "http",
          scheme: "bearer",
          description: "API token (`shk_…`), created at /admin/tokens or with the CLI",
        },
        session: {
          type: "apiKey",
          in: "cookie",
          name: "authjs.session-token",
          description:
            "The app's own sign-in. Requests with it that change data must come from the app's pages " +
            "(`Origin` or `Sec-Fetch-Site: same-origin`); others are refused with 403. Scripts use a bearer token.",
        },
      },
    },
    paths,
  };
}
