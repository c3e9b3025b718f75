"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { fetchJson } from "@/components/api/fetch-json";
import { queryKeys } from "@/components/api/query-keys";
import { Badge } from "@/components/ui/badge";
import { Button, Spinner } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Dialog } from "@/components/ui/dialog";
import { Alert } from "@/components/ui/field";
import { rankCandidates, type AssignmentCandidate } from "@/lib/tickets/auto-assign";
import type { TechnicianDto, TicketDto } from "@/lib/tickets/dto";
import { applianceTypes, type ApplianceType } from "@/lib/tickets/enums";
import { useTicketFormat } from "./use-ticket-format";

export type AssignInput = { technician_id: string } | { auto: true };

type AssignTicket = Pick<
  TicketDto,
  "id" | "code" | "center" | "technician" | "appliance_type" | "appointment_date" | "appointment_slot"
>;

/** A row of the picker: the technician as the API gives it, in the shape the shared ranking reads. */
type Row = AssignmentCandidate & { tech: TechnicianDto };

const toRow = (tech: TechnicianDto): Row => ({
  id: tech.id,
  name: tech.name,
  centerId: tech.center.id,
  active: tech.active,
  load7d: tech.load_7d,
  skills: tech.skills,
  slotJob: tech.same_slot_job?.code ?? null,
  tech,
});

/** Ranked by the server's own rule (lib/tickets/auto-assign.ts), inactive ones after, by name. */
function ordered(rows: Row[], ticket: AssignTicket): Row[] {
  const target = {
    centerId: ticket.center.id,
    applianceType: ticket.appliance_type,
    appointmentDate: ticket.appointment_date,
    appointmentSlot: ticket.appointment_slot,
  };
  const inactive = rows.filter((r) => !r.active).toSorted((a, b) => a.name.localeCompare(b.name, "zh-CN"));
  return [...rankCandidates(rows, target), ...inactive];
}

export function AssignDialog({
  open,
  onClose,
  ticket,
  busy,
  error,
  onAssign,
}: {
  open: boolean;
  onClose: () => void;
  ticket: AssignTicket;
  busy: "auto" | "manual" | null;
  /** An error to show inside the dialog (e.g. the chosen technician was just deactivated). */
  error: string | null;
  onAssign: (input: AssignInput) => void;
}) {
  const t = useTranslations("tickets.assign");
  return (
    <Dialog
      open={open}
      onClose={() => !busy && onClose()}
      title={ticket.technician ? t("titleReassign", { code: ticket.code }) : t("title", { code: ticket.code })}
      size="lg"
    >
      <AssignForm ticket={ticket} busy={busy} error={error} onAssign={onAssign} onClose={onClose} />
    </Dialog>
  );
}

function AssignForm({
  ticket,
  busy,
  error,
  onAssign,
  onClose,
}: {
  ticket: AssignTicket;
  busy: "auto" | "manual" | null;
  error: string | null;
  onAssign: (input: AssignInput) => void;
  onClose: () => void;
}) {
  const t = useTranslations("tickets.assign");
  const appliance = useTranslations("common.appliance");
  const fmt = useTicketFormat();
  const [selected, setSelected] = useState<string | null>(null);
  // A pick with a same-slot job is sent only after the dispatcher has seen the clash and confirmed it.
  const [confirmingClash, setConfirmingClash] = useState(false);
  const technicians = useQuery({
    queryKey: queryKeys.technicians.forTicket(ticket.id),
    queryFn: ({ signal }) =>
      fetchJson<{ items: TechnicianDto[] }>(`/api/technicians?ticket_id=${encodeURIComponent(ticket.id)}`, { signal }),
    staleTime: 0, // loads and slots change with every assignment; show today's numbers
  });

  const { own, others, suggested } = useMemo(() => {
    const rows = ordered((technicians.data?.items ?? []).map(toRow), ticket);
    return {
      own: rows.filter((r) => r.centerId === ticket.center.id).map((r) => r.tech),
      others: rows.filter((r) => r.centerId !== ticket.center.id).map((r) => r.tech),
      suggested: rows.find((r) => r.active),
    };
  }, [technicians.data, ticket]);

  const selectedTech = technicians.data?.items.find((x) => x.id === selected);
  const clash = selectedTech?.same_slot_job ?? null;
  const visit = {
    date: fmt.appointmentDay(ticket.appointment_date),
    slot: ticket.appointment_slot.replace("-", "–"),
    appliance: appliance(ticket.appliance_type),
  };

  const select = (id: string) => {
    setSelected(id);
    setConfirmingClash(false);
  };

  if (confirmingClash && selectedTech && clash) {
    // A step of its own, as in the cancel dialog: the dispatcher reads the clash before anything is sent.
    return (
      <div className="space-y-4">
        <Alert tone="warning" title={t("clashTitle", { name: selectedTech.name })}>
          {t("clashBody", { name: selectedTech.name, code: clash.code, date: visit.date, slot: visit.slot })}
        </Alert>
        {error && <Alert tone="error">{error}</Alert>}
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          {/* Focus on the safe way out: Enter must not double-book by accident. */}
          <Button
            type="button"
            variant="secondary"
            autoFocus
            onClick={() => setConfirmingClash(false)}
            disabled={busy !== null}
          >
            {t("clashBack")}
          </Button>
          <Button
            type="button"
            busy={busy === "manual"}
            disabled={busy !== null}
            onClick={() => onAssign({ technician_id: selectedTech.id })}
          >
            {t("clashConfirm", { name: selectedTech.name })}
          </Button>
        </div>
      </div>
    );
  }

  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-600">{t("visit", visit)}</p>
      <div className="rounded-lg bg-brand-50 p-3 ring-1 ring-inset ring-brand-100">
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div className="min-w-0 flex-1">
            <p className="text-sm font-medium text-slate-900">{t("autoTitle")}</p>
            <p id="auto-assign-rule" className="mt-0.5 text-sm text-slate-600">
              {t("autoRule")}
            </p>
            {suggested && <p className="mt-1 text-xs text-slate-500">{t("autoLikely", { name: suggested.name })}</p>}
          </div>
          <Button
            type="button"
            aria-describedby="auto-assign-rule"
            busy={busy === "auto"}
            disabled={busy !== null}
            onClick={() => onAssign({ auto: true })}
          >
            {t("auto")}
          </Button>
        </div>
      </div>

      <fieldset>
        <legend className="mb-2 text-sm font-medium text-slate-900">{t("manualTitle")}</legend>
        {technicians.isPending ? (
          <p className="flex items-center gap-2 text-sm text-slate-500">
            <Spinner /> {t("loading")}
          </p>
        ) : technicians.isError ? (
          <Alert tone="error">
            {t("loadFailed")}{" "}
            <button type="button" className="font-medium underline" onClick={() => technicians.refetch()}>
              {t("retry")}
            </button>
          </Alert>
        ) : (
          <div className="max-h-[45dvh] space-y-3 overflow-y-auto pr-1">
            <TechGroup
              title={t("ownCenter", { center: ticket.center.name })}
              empty={t("ownCenterEmpty")}
              items={own}
              ticket={ticket}
              selected={selected}
              suggestedId={suggested?.id}
              onSelect={select}
            />
            {others.length > 0 && (
              <TechGroup
                title={t("otherCenters")}
                items={others}
                ticket={ticket}
                selected={selected}
                suggestedId={suggested?.id}
                onSelect={select}
              />
            )}
          </div>
        )}
      </fieldset>

      {error && <Alert tone="error">{error}</Alert>}

      <div className="flex flex-col-reverse gap-2 border-t border-slate-100 pt-4 sm:flex-row sm:justify-end">
        <Button type="button" variant="secondary" onClick={onClose} disabled={busy !== null}>
          {t("cancel")}
        </Button>
        <Button
          type="button"
          disabled={!selectedTech || busy !== null}
          busy={busy === "manual"}
          onClick={() => {
            if (!selectedTech) return;
            if (clash) setConfirmingClash(true);
            else onAssign({ technician_id: selectedTech.id });
          }}
        >
          {selectedTech ? t("assignTo", { name: selectedTech.name }) : t("pickFirst")}
        </Button>
      </div>
    </div>
  );
}

function TechGroup({
  title,
  empty,
  items,
  ticket,
  selected,
  suggestedId,
  onSelect,
}: {
  title: string;
  empty?: string;
  items: TechnicianDto[];
  ticket: AssignTicket;
  selected: string | null;
  suggestedId: string | undefined;
  onSelect: (id: string) => void;
}) {
  const t = useTranslations("tickets.assign");
  const appliance = useTranslations("common.appliance");
  const label = (skill: string) => (applianceTypes.includes(skill as ApplianceType) ? appliance(skill) : skill);
  return (
    <div>
      <p className="mb-1.5 text-xs font-semibold uppercase tracking-wide text-slate-500">{title}</p>
      {items.length === 0 ? (
        <p className="text-sm text-slate-500">{empty}</p>
      ) : (
        <ul className="space-y-1.5">
          {items.map((tech) => {
            const isCurrent = tech.id === ticket.technician?.id;
            const disabled = !tech.active || isCurrent;
            const clash = tech.same_slot_job;
            return (
              <li key={tech.id}>
                <label
                  className={cn(
                    "flex gap-3 rounded-lg p-3 ring-1 ring-inset",
                    disabled
                      ? "cursor-not-allowed bg-slate-50 ring-slate-200"
                      : "cursor-pointer ring-slate-200 hover:bg-slate-50",
                    selected === tech.id && "bg-brand-50 ring-2 ring-brand-500 hover:bg-brand-50",
                  )}
                >
                  <input
                    type="radio"
                    name="technician"
                    value={tech.id}
                    checked={selected === tech.id}
                    disabled={disabled}
                    onChange={() => onSelect(tech.id)}
                    className="mt-1 size-4 accent-brand-600"
                  />
                  <span className="min-w-0 flex-1">
                    <span className="flex flex-wrap items-center gap-1.5">
                      <span className={cn("font-medium", disabled ? "text-slate-500" : "text-slate-900")}>
                        {tech.name}
                      </span>
                      {!tech.active && <Badge tone="gray">{t("inactive")}</Badge>}
                      {isCurrent && <Badge tone="amber">{t("current")}</Badge>}
                      {tech.id === suggestedId && !isCurrent && <Badge tone="blue">{t("suggested")}</Badge>}
                      {tech.covers_appliance && (
                        <Badge tone="green">{t("covers", { appliance: appliance(ticket.appliance_type) })}</Badge>
                      )}
                    </span>
                    <span className="mt-0.5 block text-xs text-slate-500">
                      {tech.center.name} · <span className="font-mono">{tech.phone_masked}</span>
                    </span>
                    <span className="mt-1 flex flex-wrap items-center gap-1 text-xs">
                      <span className="text-slate-500">{t("skills")}:</span>
                      {tech.skills.length === 0 && <span className="text-slate-500">{t("noSkills")}</span>}
                      {tech.skills.map((s) => (
                        <span
                          key={s}
                          className={cn(
                            "rounded px-1.5 py-0.5",
                            s === ticket.appliance_type
                              ? "bg-emerald-50 font-medium text-emerald-800 ring-1 ring-inset ring-emerald-200"
                              : "bg-slate-100 text-slate-600",
                          )}
                        >
                          {label(s)}
                        </span>
                      ))}
                    </span>
                    {clash && (
                      <span className="mt-1.5 flex items-center gap-1 text-xs font-medium text-amber-800">
                        <span aria-hidden="true">⚠</span>
                        {t("slotJob", { code: clash.code })}
                      </span>
                    )}
                  </span>
                  <span className="shrink-0 text-right">
                    <span className="block text-lg font-semibold tabular-nums text-slate-900">{tech.load_7d}</span>
                    <span className="block text-xs text-slate-500">{t("load")}</span>
                  </span>
                </label>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
