// The height of a bar chart of `bars` rows: shared by the chart and the box that holds its place while it
// loads, so the page does not move when recharts arrives.
export const demandBarsHeight = (bars: number) => Math.max(120, bars * 30 + 40);
