// The themes of a touchpoint, journey, department or location as a section of its own page: the largest themes with
// their shares, sentiment and change, what rose significantly, each theme drilling to its highlighted comments on
// Experience › Themes; on a journey, links to each stage's themes (stages have no page of their own).
import Link from "next/link";
import { EmptyState } from "../empty-state";
import { MethodLink } from "../method-link";
import { describeProportionChange, formatCount } from "../format";
import { themesHref, type ThemeScopeLink } from "./links";
import { significantChanges, ThemesTable, type ThemesView } from "./themes-table";

/** The themes a section shows: the largest by comments. */
const TOP_THEMES = 5;

/** Worth a section: the codebook has a theme that can occur here. */
export function hasThemes(view: ThemesView): boolean {
  return view.themes.length > 0;
}

export function ThemesSection({
  view,
  filters,
  scope = { level: view.scope.level, id: view.scope.id },
  stages,
}: {
  view: ThemesView;
  filters: Partial<Record<string, string | number | undefined>>;
  /** Where the links lead (by default the view's own scope; a location's page passes its filter instead). */
  scope?: ThemeScopeLink;
  /** On a journey's page: each stage's own themes, one link each. */
  stages?: ReadonlyArray<{ id: number; name: string }>;
}) {
  const top = view.themes.filter((t) => t.comments > 0).slice(0, TOP_THEMES);
  const rising = significantChanges(view, "rising");
  return (
    <section className="card" aria-labelledby="themes-heading" data-testid="themes-section">
      <div className="section-head">
        <h2 id="themes-heading">What the comments are about</h2>
        <Link className="button" href={themesHref(filters, scope)}>
          Every theme and its trend
        </Link>
      </div>
      {view.totals.comments === 0 ? (
        <EmptyState title="No comments in this period">
          <p>Choose a longer period to see what customers wrote about.</p>
        </EmptyState>
      ) : top.length === 0 ? (
        <EmptyState title={`No comment here mentions a theme (${formatCount(view.totals.comments)} comments)`}>
          <p>The codebook&apos;s themes are listed on Experience › Themes; admins add words and themes on Setup › Themes.</p>
        </EmptyState>
      ) : (
        <>
          {rising.length > 0 ? (
            <p>
              <strong>Rising significantly:</strong>{" "}
              {rising.map((t, i) => (
                <span key={t.themeId}>
                  {i > 0 ? "; " : ""}
                  <Link href={themesHref(filters, scope, { theme: t.themeId, hash: "comments" })}>{t.name}</Link>: {describeProportionChange(t.change)}
                </span>
              ))}
            </p>
          ) : (
            <p className="muted">No theme&apos;s share rose significantly against the comparison period.</p>
          )}
          <ThemesTable
            view={view}
            rows={top}
            label={`The ${top.length} largest themes here`}
            hrefFor={(themeId) => themesHref(filters, scope, { theme: themeId, hash: "comments" })}
            linkText="its trend and comments"
          />
        </>
      )}
      {stages && stages.length > 0 ? (
        <p className="muted">
          By stage:{" "}
          {stages.map((s, i) => (
            <span key={s.id}>
              {i > 0 ? " · " : ""}
              <Link href={themesHref(filters, { level: "stage", id: s.id })}>{s.name}</Link>
            </span>
          ))}
        </p>
      ) : null}
      <MethodLink section="themes">How shares, intervals, sentiment and significance are computed</MethodLink>
    </section>
  );
}
