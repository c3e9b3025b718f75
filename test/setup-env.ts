import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { resetEnvCache } from "@/lib/env";

// Fixed test secrets: tests never read a developer's .env.local.
process.env.AUTH_SECRET ??= "test-auth-secret-0123456789abcdef0123456789";
process.env.ENCRYPTION_KEY ??= Buffer.alloc(32, 7).toString("base64");
process.env.HASH_KEY ??= "test-hash-key-0123456789abcdef0123456789abcdef";
process.env.LINK_SIGNING_SECRET ??= "test-link-secret-0123456789abcdef0123456789";
process.env.LOG_LEVEL = process.env.TEST_LOG_LEVEL ?? "silent";
process.env.JOB_DRIVER ??= "inline";
// Roomy slots by default, so fixtures can book freely; capacity tests compute from this value.
process.env.JOBS_PER_SLOT ??= "20";
// Each test file writes uploads to its own temporary folder.
process.env.UPLOAD_ROOT = fs.mkdtempSync(path.join(os.tmpdir(), "servicehub-uploads-"));
resetEnvCache();
