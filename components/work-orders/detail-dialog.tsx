"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ApiError, fetchJson } from "@/components/api/fetch-json";
import { queryKeys } from "@/components/api/query-keys";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Alert } from "@/components/ui/field";
import type { Notice } from "./action-errors";
import {
  DeletedBadge,
  DueDate,
  ExternalIcon,
  RemoteKeyLink,
  remoteUrl,
  SystemName,
  WorkOrderPriorityBadge,
  WorkOrderStatus,
} from "./badges";
import type { WorkOrderDto } from "./constants";
import { LocalFieldsForm } from "./local-fields-form";
import { NoticeBox } from "./notice-box";
import { PushForm } from "./push-form";
import { useWorkOrderFormat } from "./use-work-order-format";
import { useErrorMessage } from "@/components/api/use-error-message";

/**
 * One work order in a dialog (`?open=<id>` in the URL, so it can be linked and the back button closes
 * it). Shows the list's copy at once and fills in the description from GET /api/work-orders/{id}/.
 */
export function WorkOrderDetailDialog({
  id,
  preview,
  canWrite,
  onClose,
}: {
  id: number | undefined;
  /** The row the list already has (no description), shown while the detail loads. */
  preview: WorkOrderDto | undefined;
  canWrite: boolean;
  onClose: () => void;
}) {
  const t = useTranslations("workOrders");
  const describeError = useErrorMessage();
  const detail = useQuery({
    queryKey: queryKeys.workOrders.detail(id ?? 0),
    queryFn: ({ signal }) => fetchJson<WorkOrderDto>(`/api/work-orders/${id}/`, { signal }),
    enabled: id !== undefined,
    placeholderData: preview,
    retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
  });
  const wo = detail.data;
  const notFound = detail.error instanceof ApiError && detail.error.status === 404;

  return (
    <Dialog
      open={id !== undefined}
      onClose={onClose}
      title={wo ? `${wo.external_key} · ${wo.title}` : t("detail.title")}
      className="sm:max-w-3xl"
    >
      <div className="space-y-4">
        <div className="flex flex-wrap items-center justify-end gap-2">
          <Button type="button" variant="secondary" size="sm" className="min-h-11 sm:min-h-0" onClick={onClose}>
            {t("detail.close")}
          </Button>
        </div>
        {detail.isError && !wo ? (
          <Alert tone="error" title={notFound ? t("detail.notFound") : t("detail.failed")}>
            {!notFound && <p className="break-words">{describeError(detail.error)}</p>}
            {!notFound && (
              <Button
                type="button"
                size="sm"
                variant="secondary"
                className="mt-2 min-h-11 sm:min-h-0"
                busy={detail.isFetching}
                onClick={() => detail.refetch()}
              >
                {t("detail.retry")}
              </Button>
            )}
          </Alert>
        ) : !wo ? (
          <DetailSkeleton />
        ) : (
          <DetailBody key={wo.id} workOrder={wo} loadingDescription={detail.isPlaceholderData} canWrite={canWrite} />
        )}
      </div>
    </Dialog>
  );
}

function DetailBody({
  workOrder: wo,
  loadingDescription,
  canWrite,
}: {
  workOrder: WorkOrderDto;
  loadingDescription: boolean;
  canWrite: boolean;
}) {
  const t = useTranslations("workOrders");
  const fmt = useWorkOrderFormat();
  const queryClient = useQueryClient();
  const [saved, setSaved] = useState<Notice | null>(null);

  /** Lists, counts and this detail again; the remote's status choices only after a push. */
  function refresh(withStatusOptions: boolean) {
    void queryClient.invalidateQueries({
      queryKey: queryKeys.workOrders.all,
      predicate: (q) => withStatusOptions || q.queryKey[1] !== "status-options",
    });
  }
  function show(fresh: WorkOrderDto) {
    queryClient.setQueryData(queryKeys.workOrders.detail(fresh.id), fresh);
  }

  const dt = "text-slate-500";
  const dd = "min-w-0 break-words text-slate-900";
  const none = <span className="text-slate-400">{t("detail.none")}</span>;
  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-center gap-2">
        <WorkOrderStatus status={wo.status} rawStatus={wo.raw_status} inline />
        <WorkOrderPriorityBadge priority={wo.priority} raw={wo.raw_priority} />
        {wo.deleted_at && <DeletedBadge />}
      </div>

      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-2 text-sm sm:grid-cols-[max-content_1fr_max-content_1fr]">
        <dt className={dt}>{t("fields.system")}</dt>
        <dd className={dd}>
          <SystemName system={wo.system} />
        </dd>
        <dt className={dt}>{t("fields.key")}</dt>
        <dd className={dd}>
          <RemoteKeyLink workOrder={wo} />
          {wo.external_id !== wo.external_key && (
            <span className="ml-2 text-xs text-slate-500">{t("fields.externalId", { id: wo.external_id })}</span>
          )}
        </dd>
        <dt className={dt}>{t("fields.rawStatus")}</dt>
        <dd className={dd}>{wo.raw_status}</dd>
        <dt className={dt}>{t("fields.rawPriority")}</dt>
        <dd className={dd}>{wo.raw_priority ?? none}</dd>
        <dt className={dt}>{t("fields.assignee")}</dt>
        <dd className={dd}>{wo.assignee ?? none}</dd>
        <dt className={dt}>{t("fields.localAssignee")}</dt>
        <dd className={dd}>{wo.local_assignee ?? none}</dd>
        <dt className={dt}>{t("fields.requester")}</dt>
        <dd className={dd}>{wo.requester ?? none}</dd>
        <dt className={dt}>{t("fields.due")}</dt>
        <dd className={dd}>
          <DueDate workOrder={wo} />
        </dd>
        <dt className={dt}>{t("fields.created")}</dt>
        <dd className={dd}>{wo.external_created_at ? fmt.dateTime(wo.external_created_at) : none}</dd>
        <dt className={dt}>{t("fields.updated")}</dt>
        <dd className={dd}>{wo.external_updated_at ? fmt.dateTime(wo.external_updated_at) : none}</dd>
        <dt className={dt}>{t("fields.synced")}</dt>
        <dd className={dd}>{fmt.dateTime(wo.synced_at)}</dd>
        {wo.deleted_at && (
          <>
            <dt className={dt}>{t("fields.deleted")}</dt>
            <dd className={dd}>{fmt.dateTime(wo.deleted_at)}</dd>
          </>
        )}
        <dt className={dt}>{t("fields.tags")}</dt>
        <dd className={dd}>
          {wo.tags.length ? (
            <span className="flex flex-wrap gap-1">
              {wo.tags.map((tag) => (
                <span key={tag} className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">
                  {tag}
                </span>
              ))}
            </span>
          ) : (
            none
          )}
        </dd>
      </dl>

      {/* Writers see the note in the form below. */}
      {wo.note && !canWrite && (
        <section aria-labelledby="wo-note-title">
          <h3 id="wo-note-title" className="text-sm font-semibold text-slate-900">
            {t("fields.note")}
          </h3>
          <p className="mt-1 whitespace-pre-wrap break-words rounded-lg bg-amber-50 p-3 text-sm text-slate-800">
            {wo.note}
          </p>
        </section>
      )}

      <section aria-labelledby="wo-description-title">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h3 id="wo-description-title" className="text-sm font-semibold text-slate-900">
            {t("fields.description")}
          </h3>
          {remoteUrl(wo) && (
            <a
              href={remoteUrl(wo)!}
              target="_blank"
              rel="noopener noreferrer"
              className="inline-flex min-h-11 items-center gap-1 text-sm font-medium text-brand-700 hover:underline sm:min-h-0"
            >
              {t("detail.openInRemote", { system: wo.system.name })}
              <ExternalIcon />
              <span className="sr-only">{t("detail.newTab")}</span>
            </a>
          )}
        </div>
        {loadingDescription ? (
          <div role="status" aria-label={t("detail.loadingDescription")} className="mt-2 space-y-2">
            <div className="h-4 w-full animate-pulse rounded bg-slate-100" />
            <div className="h-4 w-4/5 animate-pulse rounded bg-slate-100" />
          </div>
        ) : wo.description ? (
          // Plain text as synced (Jira's rich text is converted): line breaks kept, nothing interpreted.
          <div className="mt-2 max-h-80 overflow-y-auto whitespace-pre-wrap break-words rounded-lg bg-slate-50 p-3 text-sm leading-relaxed text-slate-800 ring-1 ring-inset ring-slate-200">
            {wo.description}
          </div>
        ) : (
          <p className="mt-2 text-sm text-slate-400">{t("detail.noDescription")}</p>
        )}
      </section>

      {canWrite ? (
        <>
          <section aria-labelledby="wo-local-title" className="border-t border-slate-100 pt-4">
            <h3 id="wo-local-title" className="text-base font-semibold text-slate-900">
              {t("local.title")}
            </h3>
            <p className="mb-3 mt-0.5 text-sm text-slate-500">{t("local.description")}</p>
            <NoticeBox notice={saved} />
            <LocalFieldsForm
              key={`${wo.id}|${wo.note ?? ""}|${wo.local_assignee ?? ""}|${wo.tags.join(",")}`}
              workOrder={wo}
              onSaved={(fresh) => {
                show(fresh);
                setSaved({ tone: "success", title: t("local.saved") });
                refresh(false);
              }}
            />
          </section>
          <section aria-labelledby="wo-push-title" className="border-t border-slate-100 pt-4">
            <h3 id="wo-push-title" className="text-base font-semibold text-slate-900">
              {t("push.title", { system: wo.system.name })}
            </h3>
            <p className="mb-3 mt-0.5 text-sm text-slate-500">{t("push.description", { system: wo.system.name })}</p>
            {wo.deleted_at ? (
              <Alert tone="info">{t("push.deletedRemote", { system: wo.system.name })}</Alert>
            ) : (
              <PushForm
                key={wo.id}
                workOrder={wo}
                systemLabel={wo.system.name}
                onPushed={show}
                onAttempted={(ok) => refresh(ok)}
              />
            )}
          </section>
        </>
      ) : (
        <p className="border-t border-slate-100 pt-4 text-sm text-slate-500">{t("detail.readOnly")}</p>
      )}
    </div>
  );
}

function DetailSkeleton() {
  const t = useTranslations("workOrders.detail");
  return (
    <div role="status" aria-label={t("loading")} className="space-y-3">
      <div className="h-5 w-40 animate-pulse rounded bg-slate-200" />
      {Array.from({ length: 5 }, (_, i) => (
        <div key={i} className="h-4 w-full animate-pulse rounded bg-slate-100" />
      ))}
    </div>
  );
}
