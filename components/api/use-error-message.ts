"use client";

import { useTranslations } from "next-intl";
import { useCallback } from "react";
import { errorMessageKey } from "@/lib/i18n/error-messages";

/**
 * `describe(error)` → the localized sentence for any failed action, query or upload (see
 * lib/i18n/error-messages.ts). Screens show this, never the server's `message`.
 */
export function useErrorMessage() {
  const t = useTranslations("common.errors");
  return useCallback((error: unknown) => t(errorMessageKey(error)), [t]);
}
