"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";

/** Falls back to a hidden textarea where the Clipboard API is missing (plain http on a LAN address). */
async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall through to the legacy path
  }
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.appendChild(area);
  area.select();
  let ok = false;
  try {
    ok = document.execCommand("copy");
  } catch {
    ok = false;
  }
  area.remove();
  return ok;
}

export function CopyButton({ text, label, className }: { text: string; label: string; className?: string }) {
  const t = useTranslations("tokens");
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  useEffect(() => {
    if (state === "idle") return;
    const timer = setTimeout(() => setState("idle"), 2500);
    return () => clearTimeout(timer);
  }, [state]);
  return (
    <>
      <Button
        type="button"
        variant="secondary"
        className={className}
        onClick={async () => setState((await copyText(text)) ? "copied" : "failed")}
      >
        <svg
          viewBox="0 0 20 20"
          className="size-4"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.6"
          aria-hidden="true"
        >
          <rect x="6.5" y="6.5" width="10" height="10" rx="2" />
          <path d="M13.5 6.5V5a1.5 1.5 0 0 0-1.5-1.5H5A1.5 1.5 0 0 0 3.5 5v7A1.5 1.5 0 0 0 5 13.5h1.5" />
        </svg>
        {state === "copied" ? t("copied") : label}
      </Button>
      <span className="sr-only" aria-live="polite">
        {state === "copied" ? t("copied") : state === "failed" ? t("copyFailed") : ""}
      </span>
      {state === "failed" && (
        <span aria-hidden="true" className="text-sm text-red-700">
          {t("copyFailed")}
        </span>
      )}
    </>
  );
}
