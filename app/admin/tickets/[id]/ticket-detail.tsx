"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { fetchJson } from "@/components/api/fetch-json";
import { queryKeys } from "@/components/api/query-keys";
import { useErrorMessage } from "@/components/api/use-error-message";
import { AssignDialog, type AssignInput } from "@/components/tickets/assign-dialog";
import { CancelDialog } from "@/components/tickets/cancel-dialog";
import { EventTimeline } from "@/components/tickets/event-timeline";
import { ImageGallery } from "@/components/tickets/image-gallery";
import { NoteForm } from "@/components/tickets/note-form";
import { PhoneReveal } from "@/components/tickets/phone-reveal";
import { ReceiptUploader } from "@/components/tickets/receipt-uploader";
import { StageProgress } from "@/components/tickets/stage-progress";
import { TicketStatusBadge } from "@/components/tickets/status-badge";
import { TrackingLinkPanel } from "@/components/tickets/tracking-link-panel";
import { useTicketFormat } from "@/components/tickets/use-ticket-format";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Alert } from "@/components/ui/field";
import type { ImageUploadRules } from "@/lib/files/image-types";
import type { ActionResult } from "@/lib/http/action-result";
import type { TicketDetailDto, TicketDto } from "@/lib/tickets/dto";
import { formatSlot } from "@/components/format/slot";
import {
  addNoteAction,
  assignTicketAction,
  cancelTicketAction,
  completeTicketAction,
  confirmTicketAction,
  revealPhoneAction,
  startTicketAction,
  trackingLinkAction,
} from "../actions";

type ActionKind = "confirm" | "assign" | "start" | "complete" | "cancel";

interface Outcome {
  tone: "success" | "error" | "warning";
  title: string;
  body?: string;
  signIn?: boolean;
}

export interface Viewer {
  canRevealPhone: boolean;
  canShareTrackingLink: boolean;
  /** tickets.write: internal notes. */
  canAddNotes: boolean;
  backHref: string;
}

/**
 * One ticket for staff. Starts from the server-rendered detail and stays fresh through
 * GET /api/tickets/{id}; every action sends the version on screen, and when someone else changed the
 * ticket first the server's current state replaces what is shown, with a message saying so.
 */
export function TicketDetail({
  initial,
  loadedAt,
  viewer,
  uploadRules,
}: {
  initial: TicketDetailDto;
  loadedAt: number;
  viewer: Viewer;
  uploadRules: ImageUploadRules;
}) {
  const t = useTranslations("tickets");
  const tc = useTranslations("common");
  const fmt = useTicketFormat();
  const describeError = useErrorMessage();
  const queryClient = useQueryClient();
  const key = queryKeys.tickets.detail(initial.id);

  const { data: ticket, isError: refreshFailed } = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => fetchJson<TicketDetailDto>(`/api/tickets/${initial.id}`, { signal }),
    initialData: initial,
    initialDataUpdatedAt: loadedAt,
  });

  // A revisit finds an older copy in the cache; the page just rendered on the server is newer.
  useEffect(() => {
    const state = queryClient.getQueryState(key);
    if (state && state.dataUpdatedAt < loadedAt) queryClient.setQueryData(key, initial, { updatedAt: loadedAt });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when a new server render arrives
  }, [initial, loadedAt]);

  const [pending, setPending] = useState<ActionKind | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  /** The version the viewer has been told about; a refresh that moves past it is announced, not slipped in. */
  const [seenVersion, setSeenVersion] = useState(initial.version);
  const [dialog, setDialog] = useState<"assign" | "cancel" | null>(null);
  const [dialogError, setDialogError] = useState<string | null>(null);
  const [assignMode, setAssignMode] = useState<"auto" | "manual" | null>(null);
  const outcomeRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (outcome) outcomeRef.current?.focus();
  }, [outcome]);

  const changedElsewhere = ticket.version !== seenVersion && pending === null;

  function showTicket(dto: TicketDto) {
    queryClient.setQueryData<TicketDetailDto>(key, (old) => (old ? { ...old, ...dto } : old));
    setSeenVersion(dto.version);
  }

  function refreshAll() {
    void queryClient.invalidateQueries({ queryKey: queryKeys.tickets.all });
    void queryClient.invalidateQueries({ queryKey: queryKeys.technicians.all });
    void queryClient.invalidateQueries({ queryKey: queryKeys.myJobs });
  }

  /** A stale version shows the ticket as it is now; every other failure is the one localized sentence. */
  function outcomeForError(error: Extract<ActionResult<unknown>, { ok: false }>["error"]): Outcome {
    const fresh = error.details?.ticket as TicketDto | undefined;
    if (error.code === "conflict" && fresh) {
      showTicket(fresh);
      return {
        tone: "warning",
        title: t("errors.conflictTitle"),
        body: t("errors.conflictBody", { status: tc(`status.${fresh.status}`) }),
      };
    }
    return { tone: "error", title: t("errors.notDone"), body: describeError(error), signIn: error.code === "unauthorized" };
  }

  /**
   * Runs one action with the version on screen. Errors the caller shows inline (inside a dialog) are
   * returned without touching the page's message.
   */
  async function act(
    kind: ActionKind,
    call: (version: number) => Promise<ActionResult<TicketDto>>,
    inline?: (code: string) => boolean,
  ): Promise<ActionResult<TicketDto> | null> {
    setPending(kind);
    setOutcome(null);
    try {
      const res = await call(ticket.version);
      if (res.ok) {
        showTicket(res.data);
        setOutcome({
          tone: "success",
          title:
            kind === "assign"
              ? t("outcome.assign", { name: res.data.technician?.name ?? "" })
              : t(`outcome.${kind}`, { code: res.data.code }),
        });
      } else if (!inline?.(res.error.code)) {
        setOutcome(outcomeForError(res.error));
      }
      // Whatever happened, the ticket may have moved: fetch its events, images and lists again.
      refreshAll();
      return res;
    } catch {
      setOutcome({ tone: "error", title: t("errors.notDone"), body: describeError(null) });
      return null;
    } finally {
      setPending(null);
    }
  }

  async function assign(input: AssignInput) {
    setAssignMode("auto" in input ? "auto" : "manual");
    setDialogError(null);
    const res = await act(
      "assign",
      (version) => assignTicketAction(ticket.id, { version, ...input }),
      (code) => code === "invalid_input",
    );
    setAssignMode(null);
    if (res && !res.ok && res.error.code === "invalid_input") setDialogError(describeError(res.error));
    else if (res) setDialog(null);
    else setDialogError(describeError(null));
  }

  async function cancel(reason: string) {
    setDialogError(null);
    const res = await act(
      "cancel",
      (version) => cancelTicketAction(ticket.id, { version, reason }),
      (code) => code === "invalid_input",
    );
    if (res && !res.ok && res.error.code === "invalid_input") setDialogError(describeError(res.error));
    else if (res) setDialog(null);
    else setDialogError(describeError(null));
  }

  const allowed = new Set(ticket.allowed_actions);
  const busy = pending !== null;
  const hasActions = allowed.size > 0;
  const closed = ticket.status === "COMPLETED" || ticket.status === "CANCELED";
  const applianceLabel = tc.has(`appliance.${ticket.appliance_type}`)
    ? tc(`appliance.${ticket.appliance_type}`)
    : ticket.appliance_type;

  // Before Start for a first assignment; after the main path when reassigning (a correction).
  const assignButton = (
    <Button
      variant={ticket.technician ? "secondary" : "primary"}
      disabled={busy}
      onClick={() => {
        setDialogError(null);
        setDialog("assign");
      }}
    >
      {ticket.technician ? t("actions.reassign") : t("actions.assign")}
    </Button>
  );

  return (
    <div className="space-y-4">
      <Link
        href={viewer.backHref}
        className="inline-flex items-center gap-1 text-sm text-slate-600 hover:text-slate-900"
      >
        <span aria-hidden="true">←</span>{" "}
        {viewer.backHref === "/admin/tickets" ? t("detail.backToList") : t("detail.backToJobs")}
      </Link>

      <header className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <h1 className="font-mono text-xl font-semibold text-slate-900 sm:text-2xl">{ticket.code}</h1>
        <TicketStatusBadge status={ticket.status} className="text-sm" />
        <p className="w-full text-sm text-slate-500 sm:w-auto">
          {t("detail.createdAt", { time: fmt.dateTime(ticket.created_at) })} ·{" "}
          {t("detail.updatedAt", { time: fmt.dateTime(ticket.updated_at) })}
        </p>
      </header>

      <div ref={outcomeRef} tabIndex={-1} className="space-y-2 outline-none empty:mb-0" aria-live="polite">
        {outcome && (
          <Alert tone={outcome.tone} title={outcome.title}>
            {outcome.body && <p className="break-words">{outcome.body}</p>}
            {outcome.signIn && (
              <a
                className="mt-1 inline-block font-medium underline"
                href={`/login?callbackUrl=${encodeURIComponent(`/admin/tickets/${ticket.id}`)}`}
              >
                {t("errors.signIn")}
              </a>
            )}
          </Alert>
        )}
      </div>
      {changedElsewhere && (
        <Alert tone="warning" title={t("detail.changedTitle")}>
          <p>{t("detail.changedBody", { status: tc(`status.${ticket.status}`) })}</p>
          <button type="button" className="mt-1 font-medium underline" onClick={() => setSeenVersion(ticket.version)}>
            {t("detail.changedAck")}
          </button>
        </Alert>
      )}
      {refreshFailed && <Alert tone="warning">{t("detail.refreshFailed")}</Alert>}

      <div className="grid gap-4 lg:grid-cols-3">
        <div className="min-w-0 space-y-4 lg:col-span-2">
          <Card>
            <CardHeader title={t("detail.actionsTitle")} />
            <div className="space-y-4 px-4 py-4 sm:px-5">
              {!hasActions ? (
                <p className="text-sm text-slate-500">
                  {closed ? t("detail.noActionsClosed") : t("detail.noActionsRole")}
                </p>
              ) : (
                <>
                  <div className="flex flex-wrap gap-2">
                    {allowed.has("confirm") && (
                      <Button
                        busy={pending === "confirm"}
                        disabled={busy}
                        onClick={() => act("confirm", (v) => confirmTicketAction(ticket.id, v))}
                      >
                        {t("actions.confirm")}
                      </Button>
                    )}
                    {allowed.has("assign") && !ticket.technician && assignButton}
                    {allowed.has("start") && (
                      <Button
                        busy={pending === "start"}
                        disabled={busy}
                        onClick={() => act("start", (v) => startTicketAction(ticket.id, v))}
                      >
                        {t("actions.start")}
                      </Button>
                    )}
                    {allowed.has("complete") && (
                      <Button
                        busy={pending === "complete"}
                        disabled={busy || ticket.receipt_count === 0}
                        aria-describedby="complete-hint"
                        onClick={() => act("complete", (v) => completeTicketAction(ticket.id, v))}
                      >
                        {t("actions.complete")}
                      </Button>
                    )}
                    {allowed.has("assign") && ticket.technician && assignButton}
                    {allowed.has("cancel") && (
                      <Button
                        variant="secondary"
                        className="text-red-700 ring-red-200 hover:bg-red-50"
                        disabled={busy}
                        onClick={() => {
                          setDialogError(null);
                          setDialog("cancel");
                        }}
                      >
                        {t("actions.cancel")}
                      </Button>
                    )}
                  </div>
                  {ticket.status === "CONFIRMED" && !allowed.has("assign") && (
                    <p className="text-sm text-slate-600">{t("detail.waitingAssign")}</p>
                  )}
                  {allowed.has("complete") && (
                    <p id="complete-hint" className="text-sm text-slate-600">
                      {ticket.receipt_count === 0
                        ? t("actions.completeNeedsReceipt")
                        : t("actions.receiptCount", { count: ticket.receipt_count })}
                    </p>
                  )}
                  {allowed.has("upload_receipt") && (
                    <div className="border-t border-slate-100 pt-4">
                      <p className="mb-2 text-sm font-medium text-slate-800">{t("actions.uploadReceipt")}</p>
                      <ReceiptUploader
                        ticketId={ticket.id}
                        rules={uploadRules}
                        disabled={busy}
                        onUploaded={(count) => {
                          if (count !== null)
                            queryClient.setQueryData<TicketDetailDto>(key, (old) =>
                              old ? { ...old, receipt_count: count } : old,
                            );
                          else refreshAll();
                        }}
                      />
                    </div>
                  )}
                </>
              )}
            </div>
          </Card>

          <Card>
            <CardHeader title={t("detail.customerTitle")} />
            <dl className="grid gap-x-6 gap-y-4 px-4 py-4 text-sm sm:grid-cols-2 sm:px-5">
              <Item label={t("fields.customer")}>{ticket.customer_name}</Item>
              <Item label={t("fields.phone")}>
                <PhoneReveal
                  key={ticket.id}
                  masked={ticket.phone_masked}
                  reveal={viewer.canRevealPhone ? () => revealPhoneAction(ticket.id) : undefined}
                />
              </Item>
              <Item label={t("fields.address")} wide>
                <span className="whitespace-pre-line break-words">{ticket.address}</span>
                <span className="block text-slate-500">
                  {ticket.city} · {ticket.district}
                </span>
              </Item>
              <Item label={t("fields.center")}>{ticket.center.name}</Item>
              <Item label={t("fields.appliance")}>
                {applianceLabel}
                {ticket.appliance_model && <span className="block text-slate-500">{ticket.appliance_model}</span>}
              </Item>
              <Item label={t("fields.appointment")}>
                {fmt.appointmentDay(ticket.appointment_date)}
                <span className="block text-slate-500">{formatSlot(ticket.appointment_slot)}</span>
              </Item>
              <Item label={t("fields.technician")}>
                {ticket.technician ? (
                  <>
                    {ticket.technician.name}
                    <span className="block font-mono text-slate-500">{ticket.technician.phone_masked}</span>
                  </>
                ) : (
                  <span className="text-slate-400">{t("fields.unassigned")}</span>
                )}
              </Item>
              {ticket.status === "CANCELED" && (
                <Item label={t("fields.cancelReason")} wide>
                  <span className="whitespace-pre-line break-words">{ticket.cancel_reason ?? "—"}</span>
                  {ticket.canceled_by && (
                    <span className="block text-slate-500">{t(`fields.canceledBy.${ticket.canceled_by}`)}</span>
                  )}
                </Item>
              )}
            </dl>
          </Card>

          <Card>
            <CardHeader title={t("fields.issue")} />
            {/* Customer text: rendered as text only, line breaks kept. */}
            <p className="whitespace-pre-wrap break-words px-4 py-4 text-sm leading-relaxed text-slate-800 sm:px-5">
              {ticket.issue_desc}
            </p>
          </Card>

          <Card>
            <CardHeader title={t("images.title")} />
            <div className="px-4 py-4 sm:px-5">
              <ImageGallery images={ticket.images} />
            </div>
          </Card>
        </div>

        <div className="min-w-0 space-y-4">
          <Card>
            <CardHeader title={t("detail.progressTitle")} />
            <div className="px-4 py-4 sm:px-5">
              <StageProgress ticket={ticket} />
            </div>
          </Card>
          {viewer.canShareTrackingLink && (
            <Card>
              <CardHeader title={t("tracking.title")} />
              <div className="px-4 py-4 sm:px-5">
                <TrackingLinkPanel key={ticket.id} getLink={(rotate) => trackingLinkAction(ticket.id, rotate)} />
              </div>
            </Card>
          )}
          <Card>
            <CardHeader title={t("timeline.title")} />
            <div className="px-4 py-4 sm:px-5">
              <EventTimeline events={ticket.events} />
              {viewer.canAddNotes && (
                <div className="mt-4 border-t border-slate-100 pt-4">
                  <NoteForm
                    addNote={(body) => addNoteAction(ticket.id, body)}
                    onAdded={() => void queryClient.invalidateQueries({ queryKey: key })}
                  />
                </div>
              )}
            </div>
          </Card>
        </div>
      </div>

      {allowed.has("assign") && (
        <AssignDialog
          open={dialog === "assign"}
          onClose={() => setDialog(null)}
          ticket={ticket}
          busy={pending === "assign" ? assignMode : null}
          error={dialogError}
          onAssign={assign}
        />
      )}
      {allowed.has("cancel") && (
        <CancelDialog
          open={dialog === "cancel"}
          onClose={() => setDialog(null)}
          code={ticket.code}
          busy={pending === "cancel"}
          error={dialogError}
          onCancel={cancel}
        />
      )}
    </div>
  );
}

function Item({ label, wide, children }: { label: string; wide?: boolean; children: React.ReactNode }) {
  return (
    <div className={wide ? "sm:col-span-2" : undefined}>
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="mt-1 text-slate-900">{children}</dd>
    </div>
  );
}
