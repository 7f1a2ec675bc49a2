// A comment with the theme's words marked (<mark>, which screen readers can announce), from the spans the server
// found on the lemmas: "charged" is marked for a theme listing "charge".
export function HighlightedComment({ comment, spans }: { comment: string; spans: ReadonlyArray<{ start: number; end: number }> }) {
  const pieces: React.ReactNode[] = [];
  let at = 0;
  for (const { start, end } of spans) {
    // Spans come sorted and apart; anything else (a stale span past the text) is skipped rather than garbled.
    if (start < at || end > comment.length || end <= start) continue;
    if (start > at) pieces.push(comment.slice(at, start));
    pieces.push(<mark key={start}>{comment.slice(start, end)}</mark>);
    at = end;
  }
  if (at < comment.length) pieces.push(comment.slice(at));
  return <>{pieces}</>;
}
