import "server-only";
import pino from "pino";
import { getEnv } from "./env";

const holder = globalThis as unknown as { __servicehubLogger?: pino.Logger };

/** Structured JSON logs; secret-bearing keys are redacted wherever they appear. */
export function getLogger(): pino.Logger {
  holder.__servicehubLogger ??= pino({
    level: levelFromEnv(),
    base: { app: "servicehub" },
    redact: {
      paths: [
        "password",
        "*.password",
        "token",
        "*.token",
        "authorization",
        "*.authorization",
        "cookie",
        "*.cookie",
        "phone",
        "*.phone",
        "credentials",
        "*.credentials",
      ],
      censor: "[redacted]",
    },
  });
  return holder.__servicehubLogger;
}

function levelFromEnv(): pino.LevelWithSilent {
  try {
    return getEnv().LOG_LEVEL;
  } catch {
    return "info"; // configuration errors are reported by whoever needs the missing value
  }
}
