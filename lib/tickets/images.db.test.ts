import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { getEnv } from "@/lib/env";
import { cleanUploadedImage } from "@/lib/files/images";
import { withTestDatabase } from "@/test/db";
import { appErrorFrom, createStaff, createWorld, jpegBytes, ticketIn, ticketTrail, writeCounts } from "@/test/fixtures";
import { cleanFormImages, readTicketImage, uploadReceipts } from "./images";

withTestDatabase();

let world: Awaited<ReturnType<typeof createWorld>>;
beforeAll(async () => {
  world = await createWorld();
});

const filesOf = (ticketId: string) => {
  const dir = path.join(getEnv().UPLOAD_ROOT, "tickets", ticketId);
  return fs.existsSync(dir) ? fs.readdirSync(dir).toSorted() : [];
};

/** An upload form as a browser sends it: the name and type are whatever the client claims. */
function form(...files: { bytes: Buffer; name: string; type?: string }[]) {
  const f = new FormData();
  for (const file of files)
    f.append("file", new File([new Uint8Array(file.bytes)], file.name, { type: file.type ?? "image/jpeg" }));
  return f;
}

describe("receipt uploads", () => {
  it("stores PNG, WebP and JPEG receipts under tickets/<ticket id>/ with server-chosen names", async () => {
    const t = await ticketIn("ASSIGNED", world);
    const pic = () => sharp({ create: { width: 32, height: 24, channels: 3, background: "#118844" } });
    const images = await cleanFormImages(
      form(
        { bytes: await pic().png().toBuffer(), name: "../../etc/passwd.png", type: "image/png" },
        { bytes: await pic().webp().toBuffer(), name: "receipt.webp", type: "image/webp" },
        { bytes: await jpegBytes(), name: "IMG_0001.JPG" },
      ),
    );
    const result = await uploadReceipts(t.id, images, world.techUser);
    expect(result.receipt_count).toBe(3);
    expect(result.images.map((i) => [i.mime, i.duplicate])).toEqual([
      ["image/png", false],
      ["image/webp", false],
      ["image/jpeg", false],
    ]);
    const { images: rows } = await ticketTrail(t.id);
    for (const row of rows) {
      expect(row.storageKey).toMatch(new RegExp(`^tickets/${t.id}/[0-9a-f]{16}_\\d+\\.(png|webp|jpg)$`));
      expect(row.thumbnailKey).toMatch(new RegExp(`^tickets/${t.id}/[0-9a-f]{16}_\\d+_thumb\\.webp$`));
      expect(row).toMatchObject({ kind: "RECEIPT", uploadedByUserId: world.techUser.userId });
    }
    expect(rows.map((r) => r.storageKey).join()).not.toMatch(/passwd|receipt|IMG_0001/);
    expect(filesOf(t.id)).toHaveLength(6); // 3 images + 3 thumbnails, nothing else
    // The stored bytes come back, in their format, to someone allowed to see the ticket.
    const png = await readTicketImage(result.images[0]!.id, world.admin, "full");
    expect(png.mime).toBe("image/png");
    expect((await sharp(png.data).metadata()).format).toBe("png");
  });

  it("rejects an executable or text file renamed .jpg, by its content, storing nothing", async () => {
    const t = await ticketIn("ASSIGNED", world);
    const exe = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(256)]);
    const before = await writeCounts();
    for (const bytes of [exe, Buffer.from("just some text, honestly a photo")]) {
      const err = await appErrorFrom(cleanFormImages(form({ bytes, name: "photo.jpg", type: "image/jpeg" })));
      expect(err).toMatchObject({ code: "invalid_input", details: { fields: [{ path: "file" }] } });
    }
    expect(await writeCounts()).toEqual(before);
    expect(filesOf(t.id)).toEqual([]);
  });

  it("rejects a 9 MB file with payload_too_large", async () => {
    const big = Buffer.concat([await jpegBytes(), Buffer.alloc(9 * 1024 * 1024)]);
    const err = await appErrorFrom(cleanFormImages(form({ bytes: big, name: "big.jpg" })));
    expect(err.code).toBe("payload_too_large");
  });

  it("refuses an empty form and more than 10 files", async () => {
    expect((await appErrorFrom(cleanFormImages(new FormData()))).code).toBe("invalid_input");
    const one = await jpegBytes();
    const eleven = form(...Array.from({ length: 11 }, (_, i) => ({ bytes: one, name: `${i}.jpg` })));
    expect((await appErrorFrom(cleanFormImages(eleven))).message).toMatch(/At most 10/);
  });

  it("strips EXIF from the stored file", async () => {
    const t = await ticketIn("IN_PROGRESS", world);
    const original = await jpegBytes({ exif: true, color: "#abcdef" });
    expect((await sharp(original).metadata()).exif).toBeDefined();
    const { images } = await uploadReceipts(t.id, [await cleanUploadedImage(original)], world.techUser);
    const stored = await readTicketImage(images[0]!.id, world.techUser, "full");
    expect((await sharp(stored.data).metadata()).exif).toBeUndefined();
    expect(stored.data.includes(Buffer.from("TestCam"))).toBe(false);
    // On disk too, not just in what is served.
    const { images: rows } = await ticketTrail(t.id);
    const onDisk = fs.readFileSync(path.join(getEnv().UPLOAD_ROOT, rows[0]!.storageKey));
    expect((await sharp(onDisk).metadata()).exif).toBeUndefined();
  });

  it("stores the same photo sent twice only once", async () => {
    const t = await ticketIn("IN_PROGRESS", world);
    const bytes = await jpegBytes({ color: "#102030" });
    const first = await uploadReceipts(t.id, [await cleanUploadedImage(bytes)], world.techUser);
    const before = await ticketTrail(t.id);
    const again = await uploadReceipts(t.id, [await cleanUploadedImage(bytes)], world.techUser);
    expect(first.images[0]!.duplicate).toBe(false);
    expect(again.images).toEqual([expect.objectContaining({ id: first.images[0]!.id, duplicate: true })]);
    expect(again.receipt_count).toBe(1);
    const after = await ticketTrail(t.id);
    expect(after.images).toHaveLength(1);
    expect(after.events).toHaveLength(before.events.length); // nothing new happened
    expect(filesOf(t.id)).toHaveLength(2); // one image + its thumbnail
    // Both in one request: still once.
    const other = await ticketIn("IN_PROGRESS", world);
    const pair = await uploadReceipts(
      other.id,
      [await cleanUploadedImage(bytes), await cleanUploadedImage(bytes)],
      world.techUser,
    );
    expect(pair.images.map((i) => i.duplicate)).toEqual([false, true]);
    expect(filesOf(other.id)).toHaveLength(2);
  });

  it("serves an image only to someone who may see its ticket, and refuses uploads from others", async () => {
    const t = await ticketIn("ASSIGNED", world);
    const { images } = await uploadReceipts(
      t.id,
      [await cleanUploadedImage(await jpegBytes({ color: "#445566" }))],
      world.admin,
    );
    const stranger = await createStaff("technician", { technicianCenterId: world.center.id });
    const err = await appErrorFrom(readTicketImage(images[0]!.id, stranger, "full"));
    expect(err).toMatchObject({ code: "not_found", message: "Image not found" });
    const thumb = await readTicketImage(images[0]!.id, world.techUser, "thumb");
    expect(thumb.mime).toBe("image/webp");

    const before = await writeCounts();
    const filesBefore = filesOf(t.id);
    const upload = await appErrorFrom(uploadReceipts(t.id, [await cleanUploadedImage(await jpegBytes())], stranger));
    expect(upload.code).toBe("not_found");
    expect(await writeCounts()).toEqual(before);
    expect(filesOf(t.id)).toEqual(filesBefore);
  });
});
