import { describe, expect, it } from "vitest";
import { imageTypeNames, imageUploadRulesFor } from "@/lib/files/image-types";
import { isRetryable, parseUploadResponse, precheckImage, ticketChanged, uploadProblem } from "./image-upload";

const MB = 1024 * 1024;
const rules = imageUploadRulesFor(["jpg", "jpeg", "png", "webp"], 8 * MB);
const file = (name: string, type: string, size = 1000) => ({ name, type, size });

describe("the upload rules come from ALLOWED_IMAGE_TYPES", () => {
  it("turns extensions into MIME types once each, dropping unknown ones", () => {
    const r = imageUploadRulesFor(["JPG", "jpeg", "png", "gif"], MB);
    expect(r).toEqual({ extensions: ["jpg", "jpeg", "png"], mimeTypes: ["image/jpeg", "image/png"], maxBytes: MB });
    expect(imageTypeNames(r)).toEqual(["JPEG", "PNG"]);
  });
});

describe("precheckImage", () => {
  it("accepts an allowed image within the size limit", () => {
    expect(precheckImage(file("a.jpg", "image/jpeg"), rules)).toBeNull();
    expect(precheckImage(file("a.webp", "image/webp", 8 * MB), rules)).toBeNull();
  });

  it("refuses a type the server does not allow, as configured", () => {
    expect(precheckImage(file("doc.pdf", "application/pdf"), rules)).toBe("not_image");
    const pngOnly = imageUploadRulesFor(["png"], 8 * MB);
    expect(precheckImage(file("a.jpg", "image/jpeg"), pngOnly)).toBe("not_image");
    expect(precheckImage(file("a.png", "image/png"), pngOnly)).toBeNull();
  });

  it("decides by the file name when a picker leaves the type empty", () => {
    expect(precheckImage(file("IMG_1.JPG", ""), rules)).toBeNull();
    expect(precheckImage(file("notes.txt", ""), rules)).toBe("not_image");
    expect(precheckImage(file("photo", ""), rules)).toBe("not_image");
  });

  it("refuses an empty file and one over the limit", () => {
    expect(precheckImage(file("a.jpg", "image/jpeg", 0), rules)).toBe("empty");
    expect(precheckImage(file("a.jpg", "image/jpeg", 8 * MB + 1), rules)).toBe("too_large");
  });
});

describe("parseUploadResponse and uploadProblem", () => {
  it("reads the stored images and the receipt count", () => {
    const body = { images: [{ id: "i1", duplicate: false, url: "/u", thumbnail_url: "/t" }], receipt_count: 2 };
    expect(parseUploadResponse(201, JSON.stringify(body))).toEqual({ ok: true, images: body.images, receiptCount: 2 });
  });

  it("takes the server's error code, and the status when the body is a proxy's HTML page", () => {
    const refused = parseUploadResponse(409, JSON.stringify({ error: { code: "invalid_transition", message: "x" } }));
    expect(refused).toEqual({ ok: false, status: 409, code: "invalid_transition" });
    expect(uploadProblem(refused as Extract<typeof refused, { ok: false }>)).toBe("closed");
    const html = parseUploadResponse(413, "<html>Request Entity Too Large</html>");
    expect(html).toEqual({ ok: false, status: 413, code: "http_error" });
    expect(uploadProblem(html as Extract<typeof html, { ok: false }>)).toBe("too_large");
    // A 2xx without a JSON body is not a success the page could show.
    expect(parseUploadResponse(200, "")).toMatchObject({ ok: false, status: 200 });
  });

  it.each([
    [{ status: 0, code: "network" }, "offline", true, false],
    [{ status: 0, code: "timeout" }, "timeout", true, false],
    [{ status: 422, code: "invalid_input" }, "not_image", false, false],
    [{ status: 401, code: "unauthorized" }, "signed_out", false, false],
    [{ status: 404, code: "not_found" }, "not_yours", false, true],
    [{ status: 403, code: "forbidden" }, "not_yours", false, true],
    [{ status: 429, code: "rate_limited" }, "too_many", true, false],
    [{ status: 500, code: "internal" }, "server", true, false],
  ] as const)("%o → %s (retry: %s, reload the ticket: %s)", (failure, problem, retry, changed) => {
    const p = uploadProblem({ ok: false, ...failure });
    expect(p).toBe(problem);
    expect(isRetryable(p)).toBe(retry);
    expect(ticketChanged(p)).toBe(changed);
  });
});
