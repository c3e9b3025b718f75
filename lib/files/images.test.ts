import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { jpegBytes } from "@/test/fixtures";
import { cleanUploadedImage } from "./images";

async function rejection(bytes: Buffer) {
  const err = await cleanUploadedImage(bytes, "file").then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

const picture = () => sharp({ create: { width: 40, height: 30, channels: 3, background: "#cc3344" } });

describe("uploaded image check", () => {
  it("accepts JPEG, PNG and WebP by their content and re-encodes them in the same format", async () => {
    const cases = [
      [await picture().jpeg().toBuffer(), "image/jpeg", "jpg", "jpeg"],
      [await picture().png().toBuffer(), "image/png", "png", "png"],
      [await picture().webp().toBuffer(), "image/webp", "webp", "webp"],
    ] as const;
    for (const [bytes, mime, extension, format] of cases) {
      const clean = await cleanUploadedImage(bytes);
      expect(clean).toMatchObject({ mime, extension, width: 40, height: 30 });
      expect((await sharp(clean.data).metadata()).format).toBe(format);
      // A small WebP thumbnail comes with it.
      expect((await sharp(clean.thumbnail).metadata()).format).toBe("webp");
      expect(clean.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it("rejects an executable or a text file whatever it is called, by its bytes", async () => {
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(120)]);
    const exe = Buffer.concat([Buffer.from("MZ"), Buffer.alloc(200)]);
    const text = Buffer.from("#!/bin/sh\nrm -rf / # definitely a photo.jpg\n");
    const html = Buffer.from("<html><script>alert(1)</script></html>");
    for (const bytes of [elf, exe, text, html]) {
      const err = await rejection(bytes);
      expect(err.code).toBe("invalid_input");
      expect(err.details).toMatchObject({ fields: [{ path: "file" }] });
      expect(err.message).toMatch(/Only jpg, jpeg, png, webp images are accepted/);
    }
  });

  it("rejects image types outside the allow-list (GIF) and damaged images", async () => {
    const gif = await picture().gif().toBuffer();
    expect((await rejection(gif)).message).toMatch(/image\/gif/);
    const jpeg = await jpegBytes();
    const truncated = jpeg.subarray(0, Math.floor(jpeg.length / 3));
    const err = await rejection(truncated);
    expect(err.code).toBe("invalid_input");
    expect(err.message).toMatch(/damaged/);
  });

  it("rejects an empty file and a 9 MB file (the cap is 8 MB)", async () => {
    expect((await rejection(Buffer.alloc(0))).code).toBe("invalid_input");
    const big = Buffer.concat([await jpegBytes(), Buffer.alloc(9 * 1024 * 1024)]);
    const err = await rejection(big);
    expect(err.code).toBe("payload_too_large");
    expect(err.details).toMatchObject({ limit_bytes: 8 * 1024 * 1024 });
  });

  it("drops EXIF (camera, owner, GPS) from the stored image", async () => {
    const withExif = await jpegBytes({ exif: true });
    expect((await sharp(withExif).metadata()).exif).toBeDefined();
    const clean = await cleanUploadedImage(withExif);
    const meta = await sharp(clean.data).metadata();
    expect(meta.exif).toBeUndefined();
    expect(clean.data.includes(Buffer.from("secret-owner"))).toBe(false);
  });

  it("applies the EXIF orientation before dropping it, so photos stay upright", async () => {
    // 40×30 landscape pixels, tagged "rotate 90°": shown (and stored) as 30×40 portrait.
    const rotated = await picture().withMetadata({ orientation: 6 }).jpeg().toBuffer();
    const clean = await cleanUploadedImage(rotated);
    expect([clean.width, clean.height]).toEqual([30, 40]);
    expect((await sharp(clean.data).metadata()).orientation).toBeUndefined();
  });
});
