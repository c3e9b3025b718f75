import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import { getLocale } from "next-intl/server";
import { ScopedMessages } from "@/components/layout/scoped-messages";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "ServiceHub", template: "%s · ServiceHub" },
  description: "After-sales service hub: book repairs, dispatch technicians, prove completion.",
  manifest: "/manifest.webmanifest",
  icons: { icon: "/icon.svg" },
};

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#1d64e0" };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page is rendered per request: its scripts carry this request's CSP nonce (proxy.ts), which a
  // page prerendered at build time could not have (its scripts would be refused).
  await connection();
  const locale = await getLocale();
  return (
    <html lang={locale}>
      <body className="min-h-dvh">
        <ScopedMessages namespaces={["common", "auth"]}>{children}</ScopedMessages>
      </body>
    </html>
  );
}
