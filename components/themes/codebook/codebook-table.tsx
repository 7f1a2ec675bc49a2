// The codebook as a table: each theme's name, its words and phrases as chips, the touchpoints it is limited to
// (or all), its comments over the last 90 days with their share, whether it is active, and its actions.
import { EmptyState } from "@/components/empty-state";
import { countOf, formatNumber, formatPeriod, formatShare } from "@/components/format";
import type { CodebookList } from "./draft";
import { ThemeActions } from "./theme-actions";

function TermChips({ terms, name }: { terms: string[]; name: string }) {
  return (
    <ul aria-label={`Words and phrases of ${name}`} style={{ display: "flex", flexWrap: "wrap", gap: 4, listStyle: "none", margin: 0, padding: 0 }}>
      {terms.map((term) => (
        <li key={term} className="tag">
          {term}
        </li>
      ))}
    </ul>
  );
}

function CommentsCell({ comments, all }: { comments: number; all: number }) {
  if (all === 0) return <>{formatNumber(comments)}</>;
  return (
    <>
      {formatNumber(comments)}
      <div className="muted">{formatShare((100 * comments) / all)} of all</div>
    </>
  );
}

export function CodebookTable({ list }: { list: CodebookList }) {
  if (list.themes.length === 0)
    return (
      <EmptyState title="No themes yet — add one below, or take a suggestion">
        <p>
          A theme is a set of words and phrases (e.g. service charge, service fee). Every comment that mentions one of them carries the theme, on the themes
          views and in the drill to the comments.
        </p>
      </EmptyState>
    );
  return (
    <div className="table-scroll">
      <table className="data">
        <caption className="muted" style={{ textAlign: "left", padding: "0 0 6px" }}>
          {countOf(list.themes.length, "theme")}.{" "}
          {list.period
            ? `Comments over the last ${list.windowDays} days of comments, ${formatPeriod(list.period)}: ${countOf(list.comments, "comment")} in all; a comment can carry several themes.`
            : "No comments imported yet."}
          {list.progress.pending > 0 ? " Until the re-tag finishes, the counts are as history was last tagged." : ""}
        </caption>
        <thead>
          <tr>
            <th scope="col">Theme</th>
            <th scope="col">Words and phrases</th>
            <th scope="col">Touchpoints</th>
            <th scope="col" className="num">
              Comments, last {list.windowDays} days
            </th>
            <th scope="col">Status</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {list.themes.map((theme) => (
            <tr key={theme.id}>
              <th scope="row">
                {theme.name}
                {theme.description ? (
                  <div className="muted" style={{ fontWeight: "normal" }}>
                    {theme.description}
                  </div>
                ) : null}
              </th>
              <td>
                <TermChips terms={theme.terms} name={theme.name} />
              </td>
              <td>
                {theme.touchpoints.length === 0
                  ? "All touchpoints"
                  : theme.touchpoints.map((t, i) => (
                      <span key={t.code}>
                        {i > 0 ? ", " : ""}
                        {t.code} {t.name}
                        {t.active ? "" : " (inactive)"}
                      </span>
                    ))}
              </td>
              <td className="num">
                <CommentsCell comments={theme.comments} all={list.comments} />
              </td>
              <td>{theme.active ? <span className="tag">Active</span> : <span className="tag inactive">Paused</span>}</td>
              <td className="row-actions">
                <ThemeActions theme={theme} windowDays={list.windowDays} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
