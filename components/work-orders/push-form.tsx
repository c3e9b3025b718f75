"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useId, useState, useTransition } from "react";
import { pushWorkOrderAction } from "@/app/admin/work-orders/actions";
import { fetchJson } from "@/components/api/fetch-json";
import { queryKeys } from "@/components/api/query-keys";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Alert, controlClasses, Field } from "@/components/ui/field";
import { useActionErrorNotice, type Notice } from "./action-errors";
import type { WorkOrderDto } from "./constants";
import { NoticeBox } from "./notice-box";
import { useErrorMessage } from "@/components/api/use-error-message";

interface StatusOption {
  value: string;
  label: string;
}

/**
 * Writes back to the remote: a new status (the choices are asked live from the remote, since its
 * workflow decides what is allowed now) and/or a comment. Each push is logged as a manual sync run.
 */
export function PushForm({
  workOrder,
  systemLabel,
  onPushed,
  onAttempted,
}: {
  workOrder: WorkOrderDto;
  /** "Jira 生产 (Jira)": how the remote is named in messages. */
  systemLabel: string;
  onPushed: (fresh: WorkOrderDto) => void;
  /** After any attempt (a failed one is logged as a run too); `ok`: the remote took the change. */
  onAttempted: (ok: boolean) => void;
}) {
  const t = useTranslations("workOrders.push");
  const describeError = useErrorMessage();
  const errorNotice = useActionErrorNotice();
  const statusId = useId();
  const [status, setStatus] = useState("");
  const [comment, setComment] = useState("");
  const [notice, setNotice] = useState<Notice | null>(null);
  const [emptyError, setEmptyError] = useState(false);
  const [pending, startTransition] = useTransition();

  const options = useQuery({
    queryKey: queryKeys.workOrders.statusOptions(workOrder.id),
    queryFn: ({ signal }) =>
      fetchJson<{ options: StatusOption[] }>(`/api/work-orders/${workOrder.id}/status_options/`, { signal }),
    // A live call to the remote (up to 30 s when it is down): ask once, let the user retry.
    retry: false,
    staleTime: 30_000,
  });

  function submit(e: React.FormEvent) {
    e.preventDefault();
    const input: { status?: string; comment?: string } = {};
    if (status) input.status = status;
    if (comment.trim()) input.comment = comment.trim();
    if (!input.status && !input.comment) {
      setEmptyError(true);
      return;
    }
    setEmptyError(false);
    setNotice(null);
    startTransition(async () => {
      let ok = false;
      try {
        const res = await pushWorkOrderAction(workOrder.id, input);
        if (res.ok) {
          ok = true;
          setStatus("");
          setComment("");
          setNotice({
            tone: "success",
            title: t("pushed", { system: systemLabel, run: res.data.run.id }),
          });
          onPushed(res.data.work_order);
        } else {
          setNotice(errorNotice(res.error, systemLabel));
        }
      } catch {
        setNotice(errorNotice(null, systemLabel));
      }
      onAttempted(ok);
    });
  }

  const list = options.data?.options ?? [];
  return (
    <form onSubmit={submit} noValidate className="space-y-3" aria-busy={pending || undefined}>
      <NoticeBox notice={notice} />
      <div>
        <label htmlFor={statusId} className="mb-1 block text-sm font-medium text-slate-700">
          {t("status")}
        </label>
        <select
          id={statusId}
          className={cn(controlClasses, "pr-8")}
          value={status}
          disabled={options.isPending || pending}
          aria-describedby={`${statusId}-state`}
          onChange={(e) => {
            setStatus(e.target.value);
            setEmptyError(false);
          }}
        >
          <option value="">{t("keepStatus", { current: workOrder.raw_status })}</option>
          {list.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
        <div id={`${statusId}-state`} className="mt-1 text-xs text-slate-500" aria-live="polite">
          {options.isPending
            ? t("optionsLoading", { system: systemLabel })
            : options.isSuccess && list.length === 0
              ? t("optionsEmpty", { system: systemLabel })
              : options.isSuccess
                ? t("optionsHint", { system: systemLabel })
                : null}
        </div>
        {options.isError && (
          <Alert tone="warning" className="mt-2" title={t("optionsFailed", { system: systemLabel })}>
            <p className="break-words">{describeError(options.error)}</p>
            <Button
              type="button"
              size="sm"
              variant="secondary"
              className="mt-2 min-h-11 sm:min-h-0"
              busy={options.isFetching}
              onClick={() => options.refetch()}
            >
              {t("optionsRetry")}
            </Button>
          </Alert>
        )}
      </div>
      <Field
        label={t("comment")}
        hint={t("commentHint", { system: systemLabel })}
        error={emptyError ? t("empty") : undefined}
      >
        {(p) => (
          <textarea
            {...p}
            rows={4}
            maxLength={10_000}
            value={comment}
            disabled={pending}
            onChange={(e) => {
              setComment(e.target.value);
              setEmptyError(false);
            }}
          />
        )}
      </Field>
      <div className="flex justify-end">
        <Button type="submit" busy={pending} className="min-h-11 sm:min-h-0">
          {pending ? t("pushing", { system: systemLabel }) : t("submit", { system: systemLabel })}
        </Button>
      </div>
    </form>
  );
}
