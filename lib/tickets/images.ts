import "server-only";
import { randomBytes } from "node:crypto";
import { and, count, eq } from "drizzle-orm";
import { ticketImages, type TicketImageKind } from "@/db/schema";
import { canActOnTicket, type Actor } from "../auth/permissions";
import { getDb, type Tx } from "../db";
import { getEnv } from "../env";
import { AppError } from "../errors";
import { cleanUploadedImage, maxUploadBytes, type CleanImage } from "../files/images";
import { getStorage } from "../files/storage";
import { transactionWithEvents } from "../jobs/outbox";
import { getTicketRowOrThrow } from "./queries";
import { actionsAllowedIn, canApply } from "./state-machine";
import { actorOf, recordEvent } from "./transitions";

export interface StoredImage {
  id: string;
  kind: TicketImageKind;
  duplicate: boolean;
  url: string;
  thumbnail_url: string;
  size_bytes: number;
  mime: string;
}

/** Server-chosen names under `tickets/{ticket_id}/`: random + timestamp, as seed 001 lays out. */
function storageKeys(ticketId: string, extension: string) {
  const base = `${getEnv().TICKET_RECEIPT_DIR}/${ticketId}/${randomBytes(8).toString("hex")}_${Date.now()}`;
  return { storageKey: `${base}.${extension}`, thumbnailKey: `${base}_thumb.webp` };
}

/** Writes the files first, then the row; if the row is refused the files are removed again. */
export async function storeImages(images: CleanImage[], ticketId: string) {
  const storage = getStorage();
  const written: { image: CleanImage; storageKey: string; thumbnailKey: string }[] = [];
  try {
    for (const image of images) {
      const keys = storageKeys(ticketId, image.extension);
      await storage.put(keys.storageKey, image.data);
      await storage.put(keys.thumbnailKey, image.thumbnail);
      written.push({ image, ...keys });
    }
  } catch (e) {
    await discardFiles(written);
    throw e;
  }
  return written;
}

export async function discardFiles(files: { storageKey: string; thumbnailKey: string }[]) {
  const storage = getStorage();
  await Promise.all(files.flatMap((f) => [storage.delete(f.storageKey), storage.delete(f.thumbnailKey)]));
}

/** Inserts image rows; the same bytes already on the ticket are reported as duplicates, not stored again. */
export async function insertImageRows(
  tx: Tx,
  ticketId: string,
  kind: TicketImageKind,
  files: Awaited<ReturnType<typeof storeImages>>,
  uploaderId: string | null,
): Promise<{ stored: StoredImage[]; orphans: typeof files }> {
  const stored: StoredImage[] = [];
  const orphans: typeof files = [];
  for (const f of files) {
    const [row] = await tx
      .insert(ticketImages)
      .values({
        ticketId,
        kind,
        storageKey: f.storageKey,
        thumbnailKey: f.thumbnailKey,
        mime: f.image.mime,
        sizeBytes: f.image.data.length,
        width: f.image.width,
        height: f.image.height,
        sha256: f.image.sha256,
        uploadedByUserId: uploaderId,
      })
      .onConflictDoNothing({ target: [ticketImages.ticketId, ticketImages.sha256] })
      .returning();
    let image = row;
    if (!image) {
      orphans.push(f);
      [image] = await tx
        .select()
        .from(ticketImages)
        .where(and(eq(ticketImages.ticketId, ticketId), eq(ticketImages.sha256, f.image.sha256)));
    }
    stored.push({
      id: image!.id,
      kind: image!.kind,
      duplicate: !row,
      url: `/api/files/ticket-receipt/${image!.id}`,
      thumbnail_url: `/api/files/ticket-receipt/${image!.id}?size=thumb`,
      size_bytes: image!.sizeBytes,
      mime: image!.mime,
    });
  }
  return { stored, orphans };
}

/** Reads the `file` parts of an upload form (several allowed), checking each one's bytes. */
export async function cleanFormImages(form: FormData, field = "file", maxFiles = 10): Promise<CleanImage[]> {
  return cleanImageFiles(imageFileParts(form, field, maxFiles), field);
}

/**
 * The file parts of an upload form, checked without reading them: at least one, at most `maxFiles`,
 * each within MAX_UPLOAD_MB, none sent as text. Cheap, so it runs before anything costly; the bytes are
 * checked and decoded later by `cleanImageFiles`.
 */
export function imageFileParts(form: FormData, field: string, maxFiles: number, opts: { required?: boolean } = {}) {
  const all = form.getAll(field);
  if (all.some((p) => typeof p === "string" && p.length > 0)) {
    throw new AppError("invalid_input", `${field} must be files`, { fields: [{ path: field, message: "Not a file" }] });
  }
  const parts = all.filter((p): p is File => typeof p !== "string" && p.size > 0);
  if (parts.length === 0 && opts.required !== false)
    throw new AppError("invalid_input", `Attach at least one image in the "${field}" field`, {
      fields: [{ path: field, message: "No file" }],
    });
  if (parts.length > maxFiles)
    throw new AppError("invalid_input", `At most ${maxFiles} images per upload`, {
      fields: [{ path: field, message: "Too many files" }],
    });
  const limit = maxUploadBytes();
  if (parts.some((p) => p.size > limit)) {
    throw new AppError("payload_too_large", `Each image may be at most ${getEnv().MAX_UPLOAD_MB} MB`, {
      limit_bytes: limit,
      field,
    });
  }
  return parts;
}

/** Checks each file's bytes and decodes it (cleanUploadedImage): the costly step, so it comes last. */
export async function cleanImageFiles(files: Blob[], field: string): Promise<CleanImage[]> {
  const images: CleanImage[] = [];
  for (const file of files) images.push(await cleanUploadedImage(Buffer.from(await file.arrayBuffer()), field));
  return images;
}

/**
 * Adds receipt photos to a ticket (seed 001's "上传回执"): only while the ticket is ASSIGNED or IN_PROGRESS,
 * only by someone allowed to upload on it. Does not change the ticket's version: adding proof of work
 * must not invalidate the page the technician is completing from.
 */
export async function uploadReceipts(
  ticketId: string,
  images: CleanImage[],
  actor: Actor,
): Promise<{ images: StoredImage[]; receipt_count: number }> {
  const db = await getDb();
  const row = await getTicketRowOrThrow(db, ticketId, actor);
  if (!canActOnTicket(actor, "tickets.upload", row.ticket.technicianId)) {
    throw new AppError("forbidden", `Your role (${actor.role}) may not upload to this ticket`);
  }
  if (!canApply("upload_receipt", row.ticket.status)) {
    throw new AppError(
      "invalid_transition",
      `Receipts can be added while a ticket is ASSIGNED or IN_PROGRESS; this one is ${row.ticket.status}`,
      {
        status: row.ticket.status,
        allowed_actions: actionsAllowedIn(row.ticket.status),
      },
    );
  }
  const files = await storeImages(images, ticketId);
  let result;
  try {
    result = await transactionWithEvents(async (tx, emit) => {
      const { stored, orphans } = await insertImageRows(tx, ticketId, "RECEIPT", files, actor.userId);
      const added = stored.filter((s) => !s.duplicate);
      if (added.length) {
        await recordEvent(tx, emit, {
          row,
          action: "upload_receipt",
          from: row.ticket.status,
          to: row.ticket.status,
          version: row.ticket.version,
          actor: actorOf(actor),
          details: { image_ids: added.map((s) => s.id), count: added.length },
        });
      }
      const [receipts] = await tx
        .select({ n: count() })
        .from(ticketImages)
        .where(and(eq(ticketImages.ticketId, ticketId), eq(ticketImages.kind, "RECEIPT")));
      return { stored, orphans, receiptCount: receipts?.n ?? 0 };
    });
  } catch (e) {
    await discardFiles(files);
    throw e;
  }
  await discardFiles(result.orphans);
  return { images: result.stored, receipt_count: result.receiptCount };
}

/** An image's bytes for download, after checking the viewer may see its ticket. */
export async function readTicketImage(imageId: string, actor: Actor, size: "full" | "thumb") {
  const db = await getDb();
  const [image] = await db.select().from(ticketImages).where(eq(ticketImages.id, imageId)).limit(1);
  if (!image) throw new AppError("not_found", "Image not found");
  // Same answer as a missing image when the ticket is not the viewer's, so ids reveal nothing.
  await getTicketRowOrThrow(db, image.ticketId, actor).catch(() => {
    throw new AppError("not_found", "Image not found");
  });
  return readStoredImage(image, size, () => new AppError("not_found", "The image file is missing from storage"));
}

/** A stored image's bytes (the full image or its WebP thumbnail), its type and a download name. */
export async function readStoredImage(
  image: Pick<typeof ticketImages.$inferSelect, "id" | "kind" | "mime" | "storageKey" | "thumbnailKey">,
  size: "full" | "thumb",
  missing: () => AppError,
) {
  const key = size === "thumb" ? image.thumbnailKey : image.storageKey;
  const data = await getStorage()
    .get(key)
    .catch(() => {
      throw missing();
    });
  return {
    data,
    mime: size === "thumb" ? "image/webp" : image.mime,
    fileName: `${image.kind.toLowerCase()}-${image.id}.${key.split(".").pop()}`,
  };
}
