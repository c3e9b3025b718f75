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
import type { TechnicianDto, TicketDto } from "@/lib/tickets/dto";

export type AssignInput = { technician_id: string } | { auto: true };

/**
 * Mirrors the server's auto-assignment ranking (lib/tickets/auto-assign.ts) to show who it would
 * likely pick; the server decides, on the loads at that moment.
 */
function rank(techs: TechnicianDto[], centerId: string) {
  return techs
    .filter((x) => x.active)
    .toSorted(
      (a, b) =>
        Number(b.center.id === centerId) - Number(a.center.id === centerId) ||
        a.load_7d - b.load_7d ||
        a.name.localeCompare(b.name, "zh-CN") ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
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
  ticket: Pick<TicketDto, "code" | "center" | "technician">;
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
  ticket: Pick<TicketDto, "code" | "center" | "technician">;
  busy: "auto" | "manual" | null;
  error: string | null;
  onAssign: (input: AssignInput) => void;
  onClose: () => void;
}) {
  const t = useTranslations("tickets.assign");
  const [selected, setSelected] = useState<string | null>(null);
  const technicians = useQuery({
    queryKey: queryKeys.technicians.all,
    queryFn: ({ signal }) => fetchJson<{ items: TechnicianDto[] }>("/api/technicians", { signal }),
    staleTime: 0, // loads change with every assignment; show today's numbers
  });

  const { own, others, suggested } = useMemo(() => {
    const items = technicians.data?.items ?? [];
    const order = (a: TechnicianDto, b: TechnicianDto) =>
      Number(b.active) - Number(a.active) || a.load_7d - b.load_7d || a.name.localeCompare(b.name, "zh-CN");
    return {
      own: items.filter((x) => x.center.id === ticket.center.id).toSorted(order),
      others: items.filter((x) => x.center.id !== ticket.center.id).toSorted(order),
      suggested: rank(items, ticket.center.id)[0],
    };
  }, [technicians.data, ticket.center.id]);

  const selectedTech = technicians.data?.items.find((x) => x.id === selected);

  return (
    <div className="space-y-4">
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
            {technicians.error.message}{" "}
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
              selected={selected}
              currentId={ticket.technician?.id}
              suggestedId={suggested?.id}
              onSelect={setSelected}
            />
            {others.length > 0 && (
              <TechGroup
                title={t("otherCenters")}
                items={others}
                selected={selected}
                currentId={ticket.technician?.id}
                suggestedId={suggested?.id}
                onSelect={setSelected}
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
          onClick={() => selectedTech && onAssign({ technician_id: selectedTech.id })}
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
  selected,
  currentId,
  suggestedId,
  onSelect,
}: {
  title: string;
  empty?: string;
  items: TechnicianDto[];
  selected: string | null;
  currentId: string | undefined;
  suggestedId: string | undefined;
  onSelect: (id: string) => void;
}) {
  const t = useTranslations("tickets.assign");
  return (
    <div>
      <p className="mb-1.5 text-xs font-semibold uppercase tracking-wide text-slate-500">{title}</p>
      {items.length === 0 ? (
        <p className="text-sm text-slate-500">{empty}</p>
      ) : (
        <ul className="space-y-1.5">
          {items.map((tech) => {
            const isCurrent = tech.id === currentId;
            const disabled = !tech.active || isCurrent;
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
                      {tech.active ? (
                        <Badge tone="green">{t("active")}</Badge>
                      ) : (
                        <Badge tone="gray">{t("inactive")}</Badge>
                      )}
                      {isCurrent && <Badge tone="amber">{t("current")}</Badge>}
                      {tech.id === suggestedId && !isCurrent && <Badge tone="blue">{t("suggested")}</Badge>}
                    </span>
                    <span className="mt-0.5 block text-xs text-slate-500">
                      {tech.center.name} · <span className="font-mono">{tech.phone_masked}</span>
                    </span>
                    {tech.skills.length > 0 && (
                      <span className="mt-1 flex flex-wrap gap-1">
                        <span className="sr-only">{t("skills")}:</span>
                        {tech.skills.map((s) => (
                          <span key={s} className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">
                            {s}
                          </span>
                        ))}
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
