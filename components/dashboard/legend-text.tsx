// A chart legend's label in the text colour: recharts colours it like its series, and a pale series (the
// "other contacts" bars) would leave its label unreadable.
export function legendText(value: string) {
  return <span style={{ color: "#1f2937" }}>{value}</span>;
}
