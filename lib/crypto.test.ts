import { describe, expect, it } from "vitest";
import { resetEnvCache } from "./env";
import { decryptSecret, encryptSecret, keyedHash, safeEqual } from "./crypto";

describe("secrets at rest (AES-256-GCM)", () => {
  it("round-trips text, including Chinese and the empty string", () => {
    for (const plain of ["13800138000", "上海市浦东新区张江路 88 号", "", "x".repeat(10_000)]) {
      expect(decryptSecret(encryptSecret(plain))).toBe(plain);
    }
  });

  it("never stores the plain text and seals the same value differently each time", () => {
    const a = encryptSecret("13800138000");
    const b = encryptSecret("13800138000");
    expect(a).not.toBe(b);
    expect(a).not.toContain("13800138000");
    expect(a.split(".")[0]).toBe("v1");
  });

  it("detects tampering with the ciphertext, the tag or the iv", () => {
    const sealed = encryptSecret("api-key-secret");
    const [v, iv, tag, body] = sealed.split(".") as [string, string, string, string];
    const flip = (s: string) => {
      const buf = Buffer.from(s, "base64url");
      buf[0] = buf[0]! ^ 0x01;
      return buf.toString("base64url");
    };
    expect(() => decryptSecret([v, iv, tag, flip(body)].join("."))).toThrow();
    expect(() => decryptSecret([v, iv, flip(tag), body].join("."))).toThrow();
    expect(() => decryptSecret([v, flip(iv), tag, body].join("."))).toThrow();
    expect(() => decryptSecret([v, iv, tag].join("."))).toThrow(/format/);
    expect(() => decryptSecret(["v2", iv, tag, body].join("."))).toThrow(/format/);
  });

  it("cannot be opened with another key", () => {
    const sealed = encryptSecret("api-key-secret");
    const original = process.env.ENCRYPTION_KEY;
    try {
      process.env.ENCRYPTION_KEY = Buffer.alloc(32, 9).toString("base64");
      resetEnvCache();
      expect(() => decryptSecret(sealed)).toThrow();
    } finally {
      process.env.ENCRYPTION_KEY = original;
      resetEnvCache();
    }
    expect(decryptSecret(sealed)).toBe("api-key-secret");
  });
});

describe("keyed hash for lookups", () => {
  it("is stable for the same value and purpose, and differs by value and by purpose", () => {
    const h = keyedHash("13800138000", "phone");
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(keyedHash("13800138000", "phone")).toBe(h);
    expect(keyedHash("13800138001", "phone")).not.toBe(h);
    expect(keyedHash("13800138000", "email")).not.toBe(h);
  });

  it("depends on the secret key (a leaked table cannot be reversed with a plain hash)", () => {
    const h = keyedHash("13800138000", "phone");
    const original = process.env.HASH_KEY;
    try {
      process.env.HASH_KEY = "another-hash-key-0123456789abcdef0123456789abcdef";
      resetEnvCache();
      expect(keyedHash("13800138000", "phone")).not.toBe(h);
    } finally {
      process.env.HASH_KEY = original;
      resetEnvCache();
    }
    expect(keyedHash("13800138000", "phone")).toBe(h);
  });

  it("compares secrets safely", () => {
    expect(safeEqual("abc", "abc")).toBe(true);
    expect(safeEqual("abc", "abd")).toBe(false);
    expect(safeEqual("abc", "abcd")).toBe(false);
  });
});
