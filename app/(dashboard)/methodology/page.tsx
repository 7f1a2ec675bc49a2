// How every figure is computed, one click from every tile and chart: docs/metrics.md itself, so the page and
// the document (and the formulas they describe, server/metrics/formulas.ts) cannot drift apart.
import fs from "node:fs/promises";
import path from "node:path";
import type { Metadata } from "next";
import type { ReactNode } from "react";
import ReactMarkdown from "react-markdown";
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

export default async function MethodologyPage() {
  const markdown = await fs.readFile(path.join(/* turbopackIgnore: true */ process.cwd(), "docs", "metrics.md"), "utf8");
  const body = markdown.replace(/^# .*\n/, "");
  return (
    <>
      <PageHeader
        title="How figures are computed"
        description="Every score, margin, minimum sample and significance test in Throughline, with worked examples."
      />
      <article className="card methodology">
        <ReactMarkdown
          remarkPlugins={[remarkGfm]}
          components={{
            h2: ({ children }) => <h2 id={slug(children)}>{children}</h2>,
            h3: ({ children }) => <h3 id={slug(children)}>{children}</h3>,
            table: ({ children }) => (
              <div className="table-scroll">
                <table>{children}</table>
              </div>
            ),
          }}
        >
          {body}
        </ReactMarkdown>
      </article>
    </>
  );
}
