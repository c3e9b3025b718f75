"use client";

import { useLinkStatus } from "next/link";
import { Spinner } from "@/components/ui/button";

/** Inside a <Link>: a spinner while the page it opens is loading (the detail page renders on the server). */
export function LinkPending({ className }: { className?: string }) {
  const { pending } = useLinkStatus();
  return pending ? <Spinner className={className ?? "size-3.5 text-brand-600"} /> : null;
}
