import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { decodeJwt, SignJWT } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { ticketImages, trackingLinks } from "@/db/schema";
import { getDb } from "@/lib/db";
import { decryptSecret } from "@/lib/crypto";
import { getEnv } from "@/lib/env";
import { cleanUploadedImage } from "@/lib/files/images";
import { withTestDatabase } from "@/test/db";
import {
  appErrorFrom,
  bookingFor,
  createStaff,
  createWorld,
  jpegBytes,
  ticketIn,
  ticketTrail,
  writeCounts,
} from "@/test/fixtures";
import { createBooking } from "./booking";
import { setCenterPhone } from "./centers";
import { uploadReceipts } from "./images";
import {
  cancelByTrackingToken,
  getTrackingLinkForStaff,
  getTrackingView,
  readTrackedImage,
  rotateTrackingLink,
} from "./tracking";
import { assignTicket, cancelTicket, completeTicket, confirmTicket, startTicket } from "./transitions";

/** One customer's address for the tracking rate limit. */
const client = { ip: "203.0.113.7" };

withTestDatabase();

let world: Awaited<ReturnType<typeof createWorld>>;
beforeAll(async () => {
  world = await createWorld();
});

/** Re-signs a real token's claims, changing what the test needs (secret, expiry, subject). */
async function resign(token: string, opts: { secret?: string; exp?: number; sub?: string } = {}) {
  const claims = decodeJwt(token);
  return new SignJWT({})
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(opts.sub ?? claims.sub!)
    .setJti(claims.jti!)
    .setAudience(claims.aud as string)
    .setIssuedAt(claims.iat!)
    .setExpirationTime(opts.exp ?? claims.exp!)
    .sign(new TextEncoder().encode(opts.secret ?? getEnv().LINK_SIGNING_SECRET));
}

async function expectInvalidLink(token: string) {
  const err = await appErrorFrom(getTrackingView(token, client));
  expect(err.code).toBe("not_found");
  // One message for every kind of bad link: it never tells a guesser why.
  expect(err.message).toBe("This tracking link is invalid or has expired");
  expect(err.details).toBeUndefined();
  return err;
}

describe("customer tracking links", () => {
  it("shows the customer their own ticket and nothing internal", async () => {
    const t = await ticketIn("ASSIGNED", world);
    const view = await getTrackingView(t.booking.tracking_token, client);
    expect(view).toMatchObject({
      code: t.booking.code,
      status: "ASSIGNED",
      center_name: world.center.name,
      technician: { name: world.tech.name, phone: decryptSecret(world.tech.phoneEncrypted) },
      images: [],
      can_cancel: false,
      cancel_reason: null,
    });
    expect(view.technician!.phone).toMatch(/^1\d{10}$/);
    expect(view.timeline.map((s) => s.status)).toEqual(["BOOKED", "CONFIRMED", "ASSIGNED"]);
    expect(Object.keys(view)).not.toContain("customer_name");
    expect(JSON.stringify(view)).not.toMatch(/phone_hash|phone_encrypted|version/);
  });

  it("hides a staff cancel reason (it may be internal) but shows the status", async () => {
    const t = await ticketIn("BOOKED", world);
    await cancelTicket(t.id, 1, "疑似恶意预约", world.admin);
    const view = await getTrackingView(t.booking.tracking_token, client);
    expect(view).toMatchObject({ status: "CANCELED", cancel_reason: null, can_cancel: false });
  });

  it("rejects tampered, expired, forged and malformed tokens with the same not_found", async () => {
    const t = await ticketIn("BOOKED", world);
    const token = t.booking.tracking_token;
    const [header, payload, signature] = token.split(".") as [string, string, string];
    const other = await ticketIn("BOOKED", world);

    // Payload edited to point at another ticket, signature kept.
    const forgedPayload = Buffer.from(JSON.stringify({ ...decodeJwt(token), sub: other.id })).toString("base64url");
    await expectInvalidLink(`${header}.${forgedPayload}.${signature}`);
    // One signature character changed.
    const flipped = signature.slice(0, -2) + (signature.at(-2) === "A" ? "B" : "A") + signature.at(-1);
    await expectInvalidLink(`${header}.${payload}.${flipped}`);
    // Correctly signed, but expired.
    await expectInvalidLink(await resign(token, { exp: Math.floor(Date.now() / 1000) - 60 }));
    // Signed with another secret.
    await expectInvalidLink(await resign(token, { secret: "another-link-secret-0123456789abcdef012345" }));
    // Signed with the right secret but naming another ticket than its link row.
    await expectInvalidLink(await resign(token, { sub: other.id }));
    // Unsigned ("alg: none") and garbage.
    const none = `${Buffer.from('{"alg":"none"}').toString("base64url")}.${payload}.`;
    await expectInvalidLink(none);
    await expectInvalidLink("not-a-token");
    await expectInvalidLink("");
    await expectInvalidLink("x".repeat(5000));

    // The genuine token still works, and the bad ones could not act either.
    expect((await getTrackingView(token, client)).status).toBe("BOOKED");
    const before = await writeCounts();
    const err = await appErrorFrom(cancelByTrackingToken(await resign(token, { sub: other.id }), "x", client));
    expect(err.code).toBe("not_found");
    expect(await writeCounts()).toEqual(before);
  });

  it("ends a link when its row expires, even if the token itself is still valid", async () => {
    const t = await ticketIn("BOOKED", world);
    const db = await getDb();
    await db
      .update(trackingLinks)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(trackingLinks.jti, decodeJwt(t.booking.tracking_token).jti!));
    await expectInvalidLink(t.booking.tracking_token);
  });

  it("revokes every old link on rotation; the new link works and can cancel", async () => {
    const agent = await createStaff("agent");
    const t = await ticketIn("CONFIRMED", world);
    const shared = await getTrackingLinkForStaff(t.id, agent, "http://test.local");
    const sharedToken = shared.url.split("/track/")[1]!;
    expect((await getTrackingView(sharedToken, client)).code).toBe(t.booking.code);

    const rotated = await rotateTrackingLink(t.id, agent, "http://test.local");
    expect(rotated.revoked).toBe(1); // the booking's link (the shared one is that same link)
    const newToken = rotated.url.split("/track/")[1]!;

    await expectInvalidLink(t.booking.tracking_token);
    await expectInvalidLink(sharedToken);
    expect(await appErrorFrom(cancelByTrackingToken(t.booking.tracking_token, "x", client))).toMatchObject({
      code: "not_found",
    });

    expect((await getTrackingView(newToken, client)).status).toBe("CONFIRMED");
    expect((await cancelByTrackingToken(newToken, "改天再约", client)).status).toBe("CANCELED");
    const { audits } = await ticketTrail(t.id);
    expect(audits.map((a) => a.action)).toContain("ticket.tracking_links_revoked");
  });

  it("lets only staff who may write the ticket share or rotate its link", async () => {
    const t = await ticketIn("ASSIGNED", world);
    const ops = await createStaff("ops_manager");
    expect((await appErrorFrom(rotateTrackingLink(t.id, ops, "http://x"))).code).toBe("forbidden");
    expect((await appErrorFrom(getTrackingLinkForStaff(t.id, world.techUser, "http://x"))).code).toBe("forbidden");
    // The original link was not touched.
    expect((await getTrackingView(t.booking.tracking_token, client)).status).toBe("ASSIGNED");
  });
});

describe("how the customer reaches people from the tracking page", () => {
  it("shows the center's hotline, and a technician's number only while ASSIGNED or IN_PROGRESS", async () => {
    await setCenterPhone(world.center.name, "  021-5888  0001 ");
    const techPhone = decryptSecret(world.tech.phoneEncrypted);
    const expected = {
      BOOKED: null,
      CONFIRMED: null,
      ASSIGNED: techPhone,
      IN_PROGRESS: techPhone,
      COMPLETED: null,
      CANCELED: null,
    } as const;
    for (const [status, phone] of Object.entries(expected)) {
      const t = await ticketIn(status as keyof typeof expected, world);
      const view = await getTrackingView(t.booking.tracking_token, client);
      expect(view.center_phone, status).toBe("021-5888 0001");
      expect(view.technician?.phone ?? null, status).toBe(phone);
      // The number is in the answer only where it is meant to be: nowhere in the others.
      if (phone === null) expect(JSON.stringify(view), status).not.toContain(techPhone);
    }
  });

  it("has no hotline line when the center has none", async () => {
    await setCenterPhone(world.center.name, null);
    const t = await ticketIn("BOOKED", world);
    expect((await getTrackingView(t.booking.tracking_token, client)).center_phone).toBeNull();
  });
});

describe("photos on the tracking page", () => {
  it("lists the receipts and the customer's own photos only once COMPLETED, each through the link", async () => {
    const t = await ticketIn("IN_PROGRESS", world);
    await uploadReceipts(t.id, [await cleanUploadedImage(await jpegBytes({ color: "#aa3355" }))], world.admin);
    // Receipts exist, but the job is not done: nothing yet.
    expect((await getTrackingView(t.booking.tracking_token, client)).images).toEqual([]);
    const db = await getDb();
    const [receipt] = await db.select().from(ticketImages).where(eq(ticketImages.ticketId, t.id));
    expect((await appErrorFrom(readTrackedImage(t.booking.tracking_token, receipt!.id, "full"))).code).toBe("not_found");

    await completeTicket(t.id, t.version, world.admin);
    const view = await getTrackingView(t.booking.tracking_token, client);
    expect(view.images).toEqual([
      {
        id: receipt!.id,
        kind: "RECEIPT",
        url: `/api/public/track/${t.booking.tracking_token}/images/${receipt!.id}`,
        thumbnail_url: `/api/public/track/${t.booking.tracking_token}/images/${receipt!.id}?size=thumb`,
      },
    ]);
    const full = await readTrackedImage(t.booking.tracking_token, receipt!.id, "full");
    expect(full.mime).toBe("image/jpeg");
    expect([...full.data.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    expect((await readTrackedImage(t.booking.tracking_token, receipt!.id, "thumb")).mime).toBe("image/webp");
  });

  it("shows the fault photos the customer sent, but not another ticket's photo nor one by a forged link", async () => {
    const mine = await createBooking(
      bookingFor(world.center, { idempotency_key: randomUUID() }),
      { ip: "203.0.113.9", baseUrl: "http://test.local", photos: [new Blob([new Uint8Array(await jpegBytes({ color: "#22aa66" }))])] },
    );
    const other = await ticketIn("COMPLETED", world);
    const otherView = await getTrackingView(other.booking.tracking_token, client);
    const otherImage = otherView.images[0]!;

    // Walk my ticket to COMPLETED (it needs a receipt too).
    let version = (await confirmTicket(mine.ticket_id, 1, world.admin)).version;
    version = (await assignTicket(mine.ticket_id, { version, technician_id: world.tech.id }, world.admin)).version;
    version = (await startTicket(mine.ticket_id, version, world.admin)).version;
    await uploadReceipts(mine.ticket_id, [await cleanUploadedImage(await jpegBytes({ color: "#3344bb" }))], world.admin);
    await completeTicket(mine.ticket_id, version, world.admin);
    const view = await getTrackingView(mine.tracking_token, client);
    expect(view.images.map((i) => i.kind).sort()).toEqual(["ISSUE", "RECEIPT"]);

    // Another ticket's photo id with my (valid) link: the same 404 as a missing photo.
    const err = await appErrorFrom(readTrackedImage(mine.tracking_token, otherImage.id, "full"));
    expect(err.code).toBe("not_found");
    expect(err.message).toBe("Image not found");
    // A guessed token, or the id alone with a link re-signed by someone else: refused.
    const forged = await resign(mine.tracking_token, { secret: "not-the-real-secret-0123456789abcdef" });
    expect((await appErrorFrom(readTrackedImage(forged, view.images[0]!.id, "full"))).code).toBe("not_found");
    expect((await appErrorFrom(readTrackedImage("", view.images[0]!.id, "full"))).code).toBe("not_found");
  });

  it("never shows a photo staff attached to the fault (internal)", async () => {
    const t = await ticketIn("COMPLETED", world);
    const db = await getDb();
    const [receipt] = await db.select().from(ticketImages).where(eq(ticketImages.ticketId, t.id));
    // A staff-uploaded fault photo: same storage, but an internal record.
    const [internal] = await db
      .insert(ticketImages)
      .values({ ...receipt!, id: randomUUID(), kind: "ISSUE", sha256: "internal", uploadedByUserId: world.admin.userId })
      .returning();
    const view = await getTrackingView(t.booking.tracking_token, client);
    expect(view.images.map((i) => i.id)).toEqual([receipt!.id]);
    expect((await appErrorFrom(readTrackedImage(t.booking.tracking_token, internal!.id, "full"))).code).toBe("not_found");
  });
});
