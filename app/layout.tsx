// Root layout: document shell and global styles. Fonts come from the system (no network at build time).
import type { Metadata } from "next";
import "./globals.css";

// Every page is rendered per request, so that its scripts carry that request's CSP nonce (proxy.ts): a page
// prerendered at build time would carry none, and the browser would refuse to run it (the 404 page was one).
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "Throughline", template: "%s · Throughline" },
  description: "Customer experience across every touchpoint, journey and department.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
