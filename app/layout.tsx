import type { Metadata, Viewport } from "next";
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
  const locale = await getLocale();
  return (
    <html lang={locale}>
      <body className="min-h-dvh">
        <ScopedMessages namespaces={["common", "auth"]}>{children}</ScopedMessages>
      </body>
    </html>
  );
}
