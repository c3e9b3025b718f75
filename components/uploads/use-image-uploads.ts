"use client";

import { useEffect, useRef, useState } from "react";
import type { ImageUploadRules } from "@/lib/files/image-types";
import { isRetryable, precheckImage, ticketChanged, uploadImage, uploadProblem, type UploadProblem } from "./image-upload";

export type UploadStatus = "queued" | "uploading" | "done" | "duplicate" | "error";

export interface UploadItem {
  key: string;
  file: File;
  /** An object URL of the picked file (revoked on unmount); null when the file was refused before upload. */
  previewUrl: string | null;
  progress: number;
  status: UploadStatus;
  problem?: UploadProblem;
  retryable?: boolean;
  /** The server's thumbnail once stored. */
  thumbnailUrl?: string;
}

let nextKey = 0;

/**
 * The list behind an image uploader: picked files are checked, then sent one at a time (on a weak mobile
 * connection parallel uploads only make every photo slower), each with its progress and outcome.
 */
export function useImageUploads({
  url,
  rules,
  onStored,
  onTicketChanged,
}: {
  url: string;
  rules: ImageUploadRules;
  /** After each stored (or already stored) file, with the ticket's receipt count. */
  onStored: (receiptCount: number) => void;
  /** When the server says the ticket can no longer take photos (closed, reassigned). */
  onTicketChanged?: () => void;
}) {
  const [items, setItems] = useState<UploadItem[]>([]);
  const previews = useRef(new Set<string>());
  const aborts = useRef(new Map<string, () => void>());

  useEffect(() => {
    const urls = previews.current;
    const pending = aborts.current;
    return () => {
      pending.forEach((abort) => abort());
      urls.forEach((u) => URL.revokeObjectURL(u));
    };
  }, []);

  const patch = (key: string, change: Partial<UploadItem>) =>
    setItems((all) => all.map((item) => (item.key === key ? { ...item, ...change } : item)));

  async function send(item: UploadItem) {
    patch(item.key, { status: "uploading", progress: 0, problem: undefined });
    const handle = uploadImage(url, item.file, (progress) => patch(item.key, { progress }));
    aborts.current.set(item.key, handle.abort);
    const outcome = await handle.promise;
    aborts.current.delete(item.key);
    if (outcome.ok) {
      const image = outcome.images[0];
      patch(item.key, { status: image?.duplicate ? "duplicate" : "done", progress: 1, thumbnailUrl: image?.thumbnail_url });
      onStored(outcome.receiptCount);
      return;
    }
    if (outcome.code === "aborted") return;
    const problem = uploadProblem(outcome);
    patch(item.key, { status: "error", problem, retryable: isRetryable(problem) });
    if (ticketChanged(problem)) onTicketChanged?.();
  }

  async function add(files: FileList | File[] | null) {
    if (!files || files.length === 0) return;
    const added: UploadItem[] = Array.from(files).map((file) => {
      const problem = precheckImage(file, rules) ?? undefined;
      const previewUrl = problem ? null : URL.createObjectURL(file);
      if (previewUrl) previews.current.add(previewUrl);
      return { key: `u${++nextKey}`, file, previewUrl, progress: 0, status: problem ? "error" : "queued", problem };
    });
    setItems((all) => [...all, ...added]);
    for (const item of added) if (item.status === "queued") await send(item);
  }

  const active = items.filter((i) => i.status === "uploading" || i.status === "queued").length;
  return {
    items,
    add,
    retry: (item: UploadItem) => void send(item),
    remove: (key: string) => setItems((all) => all.filter((i) => i.key !== key)),
    clearFinished: () => setItems((all) => all.filter((i) => i.status === "uploading" || i.status === "queued")),
    counts: {
      active,
      done: items.filter((i) => i.status === "done").length,
      duplicates: items.filter((i) => i.status === "duplicate").length,
      failed: items.filter((i) => i.status === "error").length,
    },
  };
}
