"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { retryNotificationAction } from "@/app/admin/notifications/actions";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Alert } from "@/components/ui/field";
import { notificationKeys, type NotificationDto } from "./types";
import { useErrorMessage } from "@/components/api/use-error-message";

/**
 * Sends a dead, failed or unsent message again (fresh attempts), then refreshes every view of the log:
 * the row moves to "pending" and on to its outcome while the list polls.
 */
export function useRetryNotification() {
  const t = useTranslations("notifications.retry");
  const describeError = useErrorMessage();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function retry(id: string): Promise<boolean> {
    setPending(true);
    setError(null);
    try {
      const result = await retryNotificationAction(id);
      if (!result.ok) {
        setError(describeError(result.error));
        return false;
      }
      return true;
    } catch {
      setError(t("offline"));
      return false;
    } finally {
      setPending(false);
      await queryClient.invalidateQueries({ queryKey: notificationKeys.all });
    }
  }
  return { retry, pending, error, clearError: () => setError(null) };
}

/** "Send this message again?" for a row of the list. */
export function RetryDialog({
  notification,
  onClose,
  onDone,
}: {
  notification: NotificationDto | null;
  onClose: () => void;
  onDone: (n: NotificationDto) => void;
}) {
  const t = useTranslations("notifications");
  const { retry, pending, error, clearError } = useRetryNotification();
  const close = () => {
    clearError();
    onClose();
  };
  return (
    <Dialog open={notification !== null} onClose={close} title={t("retry.title")}>
      {notification && (
        <>
          <p className="text-sm text-slate-700">
            {t("retry.body", {
              event: t(`events.${notification.event}`),
              recipient: notification.recipient,
              channel: t(`channel.${notification.channel}`),
            })}
          </p>
          <p className="mt-2 text-sm text-slate-500">{t("retry.attemptsNote")}</p>
          {error && <Alert className="mt-3">{error}</Alert>}
          <div className="mt-5 flex flex-wrap justify-end gap-2">
            <Button variant="secondary" onClick={close} disabled={pending}>
              {t("retry.cancel")}
            </Button>
            <Button
              busy={pending}
              onClick={async () => {
                if (await retry(notification.id)) {
                  onDone(notification);
                  close();
                }
              }}
            >
              {t("retry.confirm")}
            </Button>
          </div>
        </>
      )}
    </Dialog>
  );
}
