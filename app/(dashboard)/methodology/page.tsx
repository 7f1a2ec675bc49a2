// How every figure is computed, one click from every tile and chart: docs/metrics.md itself, so the page and
// the document (and the formulas they describe, server/metrics/formulas.ts) cannot drift apart.
import fs from "node:fs/promises";
import path from "node:path";
import type { Metadata } from "next";
import type { ReactNode } from "react";
import Markdown from "react-markdown";
import remarkGfm from "remark-gfm";
import { PageHeader } from "@/components/page-header";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "How figures are computed" };

/** "Roll-up" → "roll-up", so that tiles can link to /methodology#roll-up. */
function slug(children: ReactNode): string {
  const text = Array.isArray(children) ? children.join("") : String(children ?? "");
  return text
    .toLowerCase()
    .replace(/[^a-z0-9\s-]/g, "")
    .trim()
    .replace(/\s+/g, "-");
}

const headingsAndTables = {
  h2: ({ children }: { children?: ReactNode }) => <h2 id={slug(children)}>{children}</h2>,
  h3: ({ children }: { children?: ReactNode }) => <h3 id={slug(children)}>{children}</h3>,
  table: ({ children }: { children?: ReactNode }) => (
    <div className="table-scroll">
      <table>{children}</table>
    </div>
  ),
};

/**
 * The document as React elements, parsed once per text: parsing it took ~80 ms, the whole cost of every view of
 * this page, and the text changes only with a deployment. Elements are immutable, so every request may reuse them.
 */
let parsed: { markdown: string; elements: ReactNode } | null = null;
function renderedDocument(markdown: string): ReactNode {
  if (parsed?.markdown !== markdown) {
    parsed = { markdown, elements: Markdown({ children: markdown.replace(/^# .*\n/, ""), remarkPlugins: [remarkGfm], components: headingsAndTables }) };
  }
  return parsed.elements;
}

export default async function MethodologyPage() {
  const markdown = await fs.readFile(path.join(/* turbopackIgnore: true */ process.cwd(), "docs", "metrics.md"), "utf8");
  return (
    <>
      <PageHeader
        title="How figures are computed"
        description="Every score, margin, minimum sample and significance test in Throughline, with worked examples."
      />
      <article className="card methodology">{renderedDocument(markdown)}</article>
    </>
  );
}
