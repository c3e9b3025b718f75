"use client";

import { useTranslations } from "next-intl";
import { useCallback } from "react";
import { useErrorMessage } from "@/components/api/use-error-message";

/** An action's error as ActionResult carries it (the type lives in a server-only module). */
export interface ActionError {
  code: string;
  message: string;
  fields?: { path: string; message: string }[];
  details?: Record<string, unknown>;
}

export interface Notice {
  tone: "success" | "error" | "warning";
  title: string;
  body?: string;
  signIn?: boolean;
}

/**
 * Plain words for what went wrong. `system` names the remote when the change was pushed to it: then
 * invalid_input is the remote's refusal (422) and upstream_unavailable means it did not answer (502).
 * Without `system` the change was to our own fields, and invalid_input is about what was typed.
 */
export function useActionErrorNotice() {
  const t = useTranslations("workOrders.errors");
  const describeError = useErrorMessage();
  return useCallback(
    (error: ActionError | null, system?: string): Notice => {
      if (!error) return { tone: "error", title: t("network") };
      switch (error.code) {
        case "unauthorized":
          return { tone: "error", title: t("signedOut"), signIn: true };
        case "forbidden":
          return { tone: "error", title: t("forbidden") };
        case "not_found":
          return { tone: "error", title: t("notFound") };
        case "invalid_input":
          return {
            tone: "error",
            title: system ? t("refused", { system }) : t("invalidInput"),
          };
        case "upstream_unavailable": {
          const run = error.details?.run_id;
          return {
            tone: "error",
            title: t("unreachable", { system: system ?? "" }),
            body: typeof run === "number" ? t("loggedAsRun", { run }) : undefined,
          };
        }
        default:
          return { tone: "error", title: t("generic"), body: describeError(error) };
      }
    },
    [t, describeError],
  );
}
