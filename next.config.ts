import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

const nextConfig: NextConfig = {
  // Lets several app instances (a benchmark, an e2e run, a dev server) build side by side in one checkout.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // Native and WASM packages must be loaded by Node at run time, not bundled.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "@node-rs/argon2",
    "sharp",
    "pino",
    "postgres",
    // The SMS SDK and the mailer load their transports at run time; bundling them gains nothing.
    "nodemailer",
    "@alicloud/dysmsapi20170525",
    "@alicloud/openapi-core",
  ],
  poweredByHeader: false,
  // Seed 000's paths end in a slash (/api/work-orders/); both spellings answer the same, without a redirect.
  skipTrailingSlashRedirect: true,
  // Baseline browser protections for every page and API answer.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "Permissions-Policy", value: "camera=(self), geolocation=(), microphone=()" },
        ],
      },
    ];
  },
  experimental: {
    // The booking form posts fault photos through a server action (4 photos × MAX_UPLOAD_MB).
    serverActions: { bodySizeLimit: "40mb" },
    proxyClientMaxBodySize: "40mb",
  },
};

export default withNextIntl(nextConfig);
