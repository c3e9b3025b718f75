"use client";

import { useTranslations } from "next-intl";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { DeletedBadge, DueDate, RemoteKeyLink, SystemName, WorkOrderPriorityBadge, WorkOrderStatus } from "./badges";
import type { WorkOrderDto } from "./constants";
import { useWorkOrderFormat, type DueState } from "./use-work-order-format";

type OnOpen = (workOrder: WorkOrderDto) => void;

const COLUMNS = ["system", "key", "title", "status", "priority", "assignee", "due"] as const;

/** Red for overdue, amber for due within 3 days, grey for deleted in the remote. */
function rowTone(w: WorkOrderDto, state: DueState) {
  if (w.deleted_at) return "bg-slate-50 text-slate-500";
  if (state === "overdue") return "bg-red-50/70 shadow-[inset_3px_0_0_#ef4444]";
  if (state === "soon") return "bg-amber-50/70 shadow-[inset_3px_0_0_#fbbf24]";
  return "";
}

function Assignees({ workOrder }: { workOrder: WorkOrderDto }) {
  const t = useTranslations("workOrders");
  return (
    <span className="inline-flex flex-col">
      {workOrder.assignee ?? <span className="text-slate-400">{t("list.unassigned")}</span>}
      {workOrder.local_assignee && (
        <span className="text-xs text-slate-500">{t("list.localAssignee", { name: workOrder.local_assignee })}</span>
      )}
    </span>
  );
}

/** The desktop table. The title is a button whose ::after covers the row, so the whole row opens the detail. */
export function WorkOrderTable({ items, onOpen }: { items: WorkOrderDto[]; onOpen: OnOpen }) {
  const t = useTranslations("workOrders");
  const fmt = useWorkOrderFormat();
  return (
    <Card className="hidden overflow-hidden lg:block">
      <table className="w-full text-sm">
        <caption className="sr-only">{t("list.tableCaption")}</caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-xs font-semibold uppercase tracking-wide text-slate-500">
          <tr>
            {COLUMNS.map((c) => (
              <th key={c} scope="col" className={cn("px-3 py-2.5 text-left", c === "title" && "w-2/5")}>
                {t(`columns.${c}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {items.map((w) => (
            <tr
              key={w.id}
              className={cn("relative hover:bg-slate-100/60 focus-within:bg-brand-50", rowTone(w, fmt.dueState(w)))}
            >
              <td className="px-3 py-3 align-top">
                <SystemName system={w.system} />
              </td>
              <td className="whitespace-nowrap px-3 py-3 align-top">
                <RemoteKeyLink workOrder={w} />
              </td>
              <td className="px-3 py-3 align-top">
                <button
                  type="button"
                  aria-haspopup="dialog"
                  onClick={() => onOpen(w)}
                  className={cn(
                    "text-left font-medium after:absolute after:inset-0 hover:underline focus-visible:outline-none focus-visible:after:outline-2 focus-visible:after:-outline-offset-2 focus-visible:after:outline-brand-500",
                    w.deleted_at ? "text-slate-500 line-through decoration-slate-300" : "text-slate-900",
                  )}
                >
                  {w.title}
                </button>
                {(w.deleted_at || w.tags.length > 0) && (
                  <div className="mt-1 flex flex-wrap gap-1">
                    {w.deleted_at && <DeletedBadge />}
                    {w.tags.map((tag) => (
                      <span key={tag} className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">
                        {tag}
                      </span>
                    ))}
                  </div>
                )}
              </td>
              <td className="px-3 py-3 align-top">
                <WorkOrderStatus status={w.status} rawStatus={w.raw_status} />
              </td>
              <td className="px-3 py-3 align-top">
                <WorkOrderPriorityBadge priority={w.priority} raw={w.raw_priority} />
              </td>
              <td className="px-3 py-3 align-top">
                <Assignees workOrder={w} />
              </td>
              <td className="px-3 py-3 align-top">
                <DueDate workOrder={w} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}

/** Phone and tablet: one card per work order, the same information stacked. */
export function WorkOrderCards({ items, onOpen }: { items: WorkOrderDto[]; onOpen: OnOpen }) {
  const t = useTranslations("workOrders");
  const fmt = useWorkOrderFormat();
  return (
    <ul className="grid gap-3 sm:grid-cols-2 lg:hidden">
      {items.map((w) => (
        <li
          key={w.id}
          className={cn(
            "relative rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200",
            rowTone(w, fmt.dueState(w)),
          )}
        >
          <div className="flex items-start justify-between gap-2">
            <SystemName system={w.system} />
            <WorkOrderStatus status={w.status} rawStatus={w.raw_status} inline />
          </div>
          <button
            type="button"
            aria-haspopup="dialog"
            onClick={() => onOpen(w)}
            className={cn(
              "mt-2 block min-h-11 w-full text-left font-medium after:absolute after:inset-0 after:rounded-xl focus-visible:outline-none focus-visible:after:outline-2 focus-visible:after:outline-brand-500",
              w.deleted_at ? "text-slate-500 line-through decoration-slate-300" : "text-slate-900",
            )}
          >
            {w.title}
          </button>
          <div className="flex flex-wrap items-center gap-2">
            <RemoteKeyLink workOrder={w} className="min-h-11" />
            {w.deleted_at && <DeletedBadge />}
          </div>
          <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
            <dt className="text-slate-500">{t("columns.priority")}</dt>
            <dd>
              <WorkOrderPriorityBadge priority={w.priority} raw={w.raw_priority} />
            </dd>
            <dt className="text-slate-500">{t("columns.assignee")}</dt>
            <dd className="text-slate-800">
              <Assignees workOrder={w} />
            </dd>
            <dt className="text-slate-500">{t("columns.due")}</dt>
            <dd className="text-slate-800">
              <DueDate workOrder={w} />
            </dd>
          </dl>
        </li>
      ))}
    </ul>
  );
}
