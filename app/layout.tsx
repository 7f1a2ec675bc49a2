// Root layout: document shell and global styles. Fonts come from the system (no network at build time).
import type { Metadata } from "next";
import "./globals.css";

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
