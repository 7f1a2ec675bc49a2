// Admin: Setup › Themes — the codebook (each theme's words and phrases, touchpoints, comments over the last 90 days,
// active or paused), the form to add or edit one, the background re-tag's progress, and suggested new themes.
import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { CodebookTable } from "@/components/themes/codebook/codebook-table";
import { draftFromPhrase, draftOf } from "@/components/themes/codebook/draft";
import { RetagProgress } from "@/components/themes/codebook/retag-progress";
import { SuggestionsPanel } from "@/components/themes/codebook/suggestions-panel";
import { ThemeForm } from "@/components/themes/codebook/theme-form";
import { serverApi } from "@/server/api/caller";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Themes" };

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

function editId(value: string | undefined): number | null {
  const id = Number(value);
  return Number.isInteger(id) && id > 0 ? id : null;
}

export default async function ThemesSetupPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const editing = editId(first(params.edit));
  const phrase = first(params.add)?.trim().slice(0, 80);
  const api = await serverApi();
  const list = await api.themeCodebook.list();
  const edited = editing === null ? undefined : list.themes.find((theme) => theme.id === editing);
  const formKey = edited ? `edit-${edited.id}` : phrase ? `add-${phrase}` : "new";
  return (
    <>
      <PageHeader
        title="Themes"
        description="The codebook: what the customers' comments are about. Each theme is a set of words and phrases, matched in their other forms too, optionally limited to some touchpoints. Comments are tagged as they are imported; after a change, history is re-tagged in the background."
      />
      <section className="card" aria-labelledby="codebook-title">
        <h2 id="codebook-title">Codebook</h2>
        <RetagProgress initial={list.progress} />
        <CodebookTable list={list} />
      </section>
      {editing !== null && !edited ? (
        <p role="alert" className="error">
          There is no theme {editing} to edit: it may have been deleted. Add a new theme below instead.
        </p>
      ) : null}
      <ThemeForm
        key={formKey}
        theme={edited}
        initial={edited ? draftOf(edited) : phrase ? draftFromPhrase(phrase) : undefined}
        touchpoints={list.touchpoints}
        focusOnOpen={Boolean(edited || phrase)}
      />
      <SuggestionsPanel />
    </>
  );
}
