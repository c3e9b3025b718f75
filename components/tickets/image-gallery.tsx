"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import type { TicketImageDto } from "@/lib/tickets/dto";
import { useTicketFormat } from "./use-ticket-format";

type Kind = TicketImageDto["kind"];

/** Fault photos (from the customer) and receipts (proof of work), as thumbnails opening a viewer. */
export function ImageGallery({ images }: { images: TicketImageDto[] }) {
  const t = useTranslations("tickets.images");
  const [open, setOpen] = useState<{ kind: Kind; index: number } | null>(null);
  const groups: { kind: Kind; title: string; empty: string; items: TicketImageDto[] }[] = [
    { kind: "ISSUE", title: t("issue"), empty: t("noIssue"), items: images.filter((i) => i.kind === "ISSUE") },
    { kind: "RECEIPT", title: t("receipt"), empty: t("noReceipt"), items: images.filter((i) => i.kind === "RECEIPT") },
  ];
  const viewing = open ? groups.find((g) => g.kind === open.kind) : undefined;

  return (
    <div className="space-y-5">
      {groups.map((g) => (
        <section key={g.kind} aria-labelledby={`images-${g.kind}`}>
          <h3 id={`images-${g.kind}`} className="mb-2 text-sm font-medium text-slate-700">
            {g.title} <span className="font-normal text-slate-500">({g.items.length})</span>
          </h3>
          {g.items.length === 0 ? (
            <p className="text-sm text-slate-500">{g.empty}</p>
          ) : (
            <ul className="grid grid-cols-3 gap-2 sm:grid-cols-4 xl:grid-cols-5">
              {g.items.map((img, index) => (
                <li key={img.id}>
                  <button
                    type="button"
                    onClick={() => setOpen({ kind: g.kind, index })}
                    className="group block aspect-square w-full overflow-hidden rounded-lg bg-slate-100 ring-1 ring-slate-200 hover:ring-brand-500"
                    aria-label={t("open", { kind: g.title, n: index + 1, count: g.items.length })}
                  >
                    {/* eslint-disable-next-line @next/next/no-img-element -- authenticated API image, not optimisable */}
                    <img
                      src={img.thumbnail_url}
                      alt=""
                      loading="lazy"
                      className="size-full object-cover transition-transform group-hover:scale-105"
                    />
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
      <Dialog
        open={Boolean(open && viewing?.items.length)}
        onClose={() => setOpen(null)}
        title={
          viewing
            ? `${viewing.title} ${Math.min((open?.index ?? 0) + 1, viewing.items.length)} / ${viewing.items.length}`
            : ""
        }
        className="max-w-4xl"
      >
        {open && viewing && viewing.items.length > 0 && (
          <Lightbox
            items={viewing.items}
            index={Math.min(open.index, viewing.items.length - 1)}
            onIndex={(index) => setOpen({ kind: open.kind, index })}
            onClose={() => setOpen(null)}
          />
        )}
      </Dialog>
    </div>
  );
}

function Lightbox({
  items,
  index,
  onIndex,
  onClose,
}: {
  items: TicketImageDto[];
  index: number;
  onIndex: (i: number) => void;
  onClose: () => void;
}) {
  const t = useTranslations("tickets.images");
  const fmt = useTicketFormat();
  const img = items[index]!;
  const many = items.length > 1;
  const go = (delta: number) => onIndex((index + delta + items.length) % items.length);
  return (
    // Arrow keys page through the photos; Esc is the dialog's own close.
    <div
      onKeyDown={(e) => {
        if (!many) return;
        if (e.key === "ArrowLeft") go(-1);
        if (e.key === "ArrowRight") go(1);
      }}
    >
      <div className="relative flex items-center justify-center rounded-lg bg-slate-900">
        {/* eslint-disable-next-line @next/next/no-img-element -- authenticated API image */}
        <img
          key={img.id}
          src={img.url}
          alt={t("alt", { n: index + 1, count: items.length })}
          className="max-h-[65dvh] w-auto max-w-full object-contain"
        />
        {many && (
          <>
            <button
              type="button"
              onClick={() => go(-1)}
              className="absolute left-2 top-1/2 flex size-10 -translate-y-1/2 items-center justify-center rounded-full bg-white/90 text-xl text-slate-800 shadow hover:bg-white"
              aria-label={t("previous")}
            >
              ‹
            </button>
            <button
              type="button"
              onClick={() => go(1)}
              className="absolute right-2 top-1/2 flex size-10 -translate-y-1/2 items-center justify-center rounded-full bg-white/90 text-xl text-slate-800 shadow hover:bg-white"
              aria-label={t("next")}
            >
              ›
            </button>
          </>
        )}
      </div>
      <div className="mt-3 flex flex-wrap items-center justify-between gap-2 text-sm text-slate-600">
        <p>
          {img.uploaded_by === "customer"
            ? t("byCustomer")
            : img.uploaded_by
              ? t("by", { name: img.uploaded_by })
              : null}
          {img.uploaded_by ? " · " : ""}
          {fmt.dateTime(img.created_at)}
          {img.width && img.height ? ` · ${img.width}×${img.height}` : ""}
        </p>
        <div className="flex gap-2">
          <a
            href={img.url}
            target="_blank"
            rel="noopener"
            className="rounded-lg px-3 py-1.5 text-brand-700 hover:bg-brand-50"
          >
            {t("openOriginal")}
          </a>
          <Button size="sm" variant="secondary" onClick={onClose}>
            {t("close")}
          </Button>
        </div>
      </div>
    </div>
  );
}
