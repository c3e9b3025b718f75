import type { TicketImageKind, TicketStatus } from "./enums";
import type { TicketAction } from "./state-machine";

/** What the API returns for a ticket. Never the row itself: no phone hash or ciphertext leaves the server. */
export interface TicketDto {
  id: string;
  code: string;
  status: TicketStatus;
  version: number;
  customer_name: string;
  phone_masked: string;
  city: string;
  district: string;
  address: string;
  center: { id: string; name: string };
  appliance_type: string;
  appliance_model: string | null;
  issue_desc: string;
  appointment_date: string;
  appointment_slot: string;
  technician: { id: string; name: string; phone_masked: string } | null;
  cancel_reason: string | null;
  canceled_by: "customer" | "staff" | null;
  created_at: string;
  updated_at: string;
  confirmed_at: string | null;
  assigned_at: string | null;
  started_at: string | null;
  completed_at: string | null;
  canceled_at: string | null;
  /** What the viewer may do now, given the state and their permissions. */
  allowed_actions: TicketAction[];
}

export interface TicketImageDto {
  id: string;
  kind: TicketImageKind;
  mime: string;
  size_bytes: number;
  width: number | null;
  height: number | null;
  url: string;
  thumbnail_url: string;
  uploaded_by: string | null;
  created_at: string;
}

export interface TicketEventDto {
  id: string;
  action: string;
  actor: { type: "user" | "customer" | "system"; label: string };
  from_status: TicketStatus | null;
  to_status: TicketStatus | null;
  details: Record<string, unknown>;
  created_at: string;
}

/** An internal note: staff only, never on the customer's tracking page. */
export interface TicketNoteDto {
  id: string;
  body: string;
  author: string;
  created_at: string;
}

export interface TicketDetailDto extends TicketDto {
  images: TicketImageDto[];
  events: TicketEventDto[];
  notes: TicketNoteDto[];
  receipt_count: number;
}

export interface TicketListDto {
  items: TicketDto[];
  /** Matches; for keyword searches counted only up to a cap (then `total_is_capped` is true). */
  total: number;
  total_is_capped: boolean;
  page: number;
  page_size: number;
  page_count: number;
}

export interface TechnicianDto {
  id: string;
  name: string;
  phone_masked: string;
  center: { id: string; name: string };
  skills: string[];
  active: boolean;
  /** Tickets assigned to them in the last 7 days: the load auto-assignment balances. */
  load_7d: number;
  /** Only when listed for a ticket (`ticket_id`): their skills include its appliance type. */
  covers_appliance?: boolean;
  /** Only when listed for a ticket: a job of theirs (ASSIGNED or IN_PROGRESS) in its date and slot. */
  same_slot_job?: { id: string; code: string } | null;
}

export const iso = (d: Date | null) => (d ? d.toISOString() : null);
