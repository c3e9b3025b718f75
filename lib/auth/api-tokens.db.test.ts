import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { apiTokens, auditLog, users } from "@/db/schema";
import { getDb } from "@/lib/db";
import { sha256Hex } from "@/lib/crypto";
import { withTestDatabase } from "@/test/db";
import { appErrorFrom, createStaff, deactivateUser } from "@/test/fixtures";
import { authenticateApiToken, createApiToken, listApiTokens, revokeApiToken } from "./api-tokens";

withTestDatabase();

describe("API tokens", () => {
  it("authenticates a new token as its user", async () => {
    const agent = await createStaff("agent");
    const created = await createApiToken({ userId: agent.userId, name: "CI", expiresInDays: 30 }, agent.email);
    expect(created.token).toMatch(/^shk_[A-Za-z0-9_-]{43}$/);
    expect(created.prefix).toBe(created.token.slice(0, 10));
    expect(await authenticateApiToken(created.token)).toEqual({
      userId: agent.userId,
      email: agent.email,
      name: agent.name,
      role: "agent",
      technicianId: null,
    });
    // The technician's identity carries their technician record (for own-ticket scoping).
    const tech = await createStaff("technician");
    expect(await authenticateApiToken(tech.token)).toMatchObject({
      role: "technician",
      technicianId: tech.technicianId,
    });
  });

  it("stores only a hash, and the list never shows the secret", async () => {
    const agent = await createStaff("agent");
    const created = await createApiToken({ userId: agent.userId, name: "Zapier" }, agent.email);
    const db = await getDb();
    const [row] = await db.select().from(apiTokens).where(eq(apiTokens.id, created.id));
    expect(row!.tokenHash).toBe(sha256Hex(created.token));
    expect(JSON.stringify(row)).not.toContain(created.token);

    const list = await listApiTokens(agent.userId);
    expect(list.map((t) => t.name).toSorted()).toEqual(["Zapier", "test"]);
    const listed = JSON.stringify(list);
    expect(listed).not.toContain(created.token);
    expect(listed).not.toContain(agent.token);
    expect(listed).not.toContain(row!.tokenHash);
    for (const t of list) expect(Object.keys(t)).not.toContain("tokenHash");
    // Someone else's list does not show this user's tokens.
    const other = await createStaff("agent");
    expect((await listApiTokens(other.userId)).map((t) => t.id)).not.toContain(created.id);
    // Creation is audited, without the secret.
    const audits = await db.select().from(auditLog).where(eq(auditLog.targetId, created.id));
    expect(audits.map((a) => a.action)).toEqual(["api_token.created"]);
    expect(JSON.stringify(audits)).not.toContain(created.token);
  });

  it("stops accepting a revoked token; only its owner can revoke it, once", async () => {
    const agent = await createStaff("agent");
    const other = await createStaff("admin");
    const created = await createApiToken({ userId: agent.userId, name: "laptop" }, agent.email);
    expect((await appErrorFrom(revokeApiToken(created.id, other))).code).toBe("not_found");
    expect(await authenticateApiToken(created.token)).not.toBeNull();

    await revokeApiToken(created.id, agent);
    expect(await authenticateApiToken(created.token)).toBeNull();
    expect((await appErrorFrom(revokeApiToken(created.id, agent))).code).toBe("not_found");
    expect((await listApiTokens(agent.userId)).find((t) => t.id === created.id)!.revokedAt).toBeInstanceOf(Date);
    // The user's other token is unaffected.
    expect(await authenticateApiToken(agent.token)).not.toBeNull();
  });

  it("stops accepting an expired token", async () => {
    const agent = await createStaff("agent");
    const created = await createApiToken({ userId: agent.userId, name: "short", expiresInDays: 1 }, agent.email);
    expect(await authenticateApiToken(created.token)).not.toBeNull();
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(Date.now() + 86_400_000 + 60_000);
      expect(await authenticateApiToken(created.token)).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });

  it("does not accept unknown, malformed or look-alike tokens", async () => {
    const agent = await createStaff("agent");
    const almost = agent.token.slice(0, -1) + (agent.token.endsWith("A") ? "B" : "A");
    for (const t of [
      almost,
      "shk_unknown",
      "",
      "Bearer " + agent.token,
      agent.token.slice(4),
      `shk_${"a".repeat(300)}`,
    ]) {
      expect(await authenticateApiToken(t)).toBeNull();
    }
  });

  it("stops accepting the tokens of a deactivated user", async () => {
    const ops = await createStaff("ops_manager");
    expect(await authenticateApiToken(ops.token)).not.toBeNull();
    await deactivateUser(ops.userId);
    expect(await authenticateApiToken(ops.token)).toBeNull();
  });

  it("records when a token was last used", async () => {
    const agent = await createStaff("agent");
    expect((await listApiTokens(agent.userId))[0]!.lastUsedAt).toBeNull();
    await authenticateApiToken(agent.token);
    expect((await listApiTokens(agent.userId))[0]!.lastUsedAt).toBeInstanceOf(Date);
  });

  it("re-reads a token after a few seconds, so a change made elsewhere takes effect", async () => {
    const agent = await createStaff("agent");
    expect(await authenticateApiToken(agent.token)).not.toBeNull();
    // Deactivated behind this process's back (another instance, a SQL console): the cached answer
    // stands for at most the cache window, then the token is refused.
    const db = await getDb();
    await db.update(users).set({ active: false }).where(eq(users.id, agent.userId));
    expect(await authenticateApiToken(agent.token)).not.toBeNull();
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(Date.now() + 6_000);
      expect(await authenticateApiToken(agent.token)).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });
});
