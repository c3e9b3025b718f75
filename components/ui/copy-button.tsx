"use client";

import { useEffect, useRef, useState } from "react";
import { Button, type ButtonProps } from "./button";

/** navigator.clipboard needs a secure context; plain-http previews (a phone on the LAN) fall back to execCommand. */
export async function copyText(text: string): Promise<boolean> {
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

interface CopyButtonProps extends Omit<ButtonProps, "onClick" | "children"> {
  text: string;
  label: React.ReactNode;
  /** Shown on the button (and announced) for a moment after copying. */
  copiedLabel: string;
  /** Shown when the browser refused to copy. */
  failedLabel: string;
}

/** Copies `text`; the outcome is announced politely and shown on the button for a moment. */
export function CopyButton({ text, label, copiedLabel, failedLabel, ...rest }: CopyButtonProps) {
  const [outcome, setOutcome] = useState<"copied" | "failed" | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  return (
    <>
      <Button
        type="button"
        {...rest}
        onClick={async () => {
          const ok = await copyText(text);
          setOutcome(ok ? "copied" : "failed");
          clearTimeout(timer.current);
          timer.current = setTimeout(() => setOutcome(null), 2500);
        }}
      >
        {outcome === "copied" ? (
          <>
            <CheckIcon />
            {copiedLabel}
          </>
        ) : (
          <>
            <CopyIcon />
            {label}
          </>
        )}
      </Button>
      <span className="sr-only" aria-live="polite">
        {outcome === "copied" ? copiedLabel : outcome === "failed" ? failedLabel : ""}
      </span>
      {outcome === "failed" && <p className="mt-1 text-xs text-red-600">{failedLabel}</p>}
    </>
  );
}

function CopyIcon() {
  return (
    <svg viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth="1.6" className="size-4" aria-hidden="true">
      <rect x="7" y="7" width="10" height="10" rx="2" />
      <path d="M13 7V5a2 2 0 0 0-2-2H5a2 2 0 0 0-2 2v6a2 2 0 0 0 2 2h2" />
    </svg>
  );
}

function CheckIcon() {
  return (
    <svg viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth="2" className="size-4" aria-hidden="true">
      <path d="m4 10.5 4 4 8-9" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
