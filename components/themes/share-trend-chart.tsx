"use client";
// Themes' monthly share of comments: one theme with its 95% band, or a few themes told apart by line pattern and
// marker as well as colour (and named in the legend). Months below the minimum sample leave a gap in the line.
import { Area, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { legendText } from "../dashboard/legend-text";
import { monthLabel } from "../dashboard/trend-chart";

export interface ShareSeries {
  name: string;
  /** One point per month, in percent; null below the minimum sample. */
  points: Array<{ month: string; share: number | null; low: number | null; high: number | null }>;
}

const styles = [
  { stroke: "#2f5bea", dash: undefined, dot: "circle" },
  { stroke: "#b3261e", dash: "6 3", dot: "square" },
  { stroke: "#1f7a4d", dash: "2 3", dot: "triangle" },
  { stroke: "#8a5a00", dash: "10 4 2 4", dot: "diamond" },
  { stroke: "#6b3fa0", dash: "1 5", dot: "cross" },
] as const;

function Marker({ cx, cy, shape, stroke }: { cx?: number; cy?: number; shape: (typeof styles)[number]["dot"]; stroke: string }) {
  if (cx === undefined || cy === undefined || Number.isNaN(cy)) return null;
  const r = 3.5;
  const props = { fill: stroke, stroke };
  switch (shape) {
    case "square":
      return <rect x={cx - r} y={cy - r} width={2 * r} height={2 * r} {...props} />;
    case "triangle":
      return <polygon points={`${cx},${cy - r - 1} ${cx - r - 1},${cy + r} ${cx + r + 1},${cy + r}`} {...props} />;
    case "diamond":
      return <polygon points={`${cx},${cy - r - 1} ${cx + r + 1},${cy} ${cx},${cy + r + 1} ${cx - r - 1},${cy}`} {...props} />;
    case "cross":
      return <path d={`M${cx - r},${cy - r}L${cx + r},${cy + r}M${cx - r},${cy + r}L${cx + r},${cy - r}`} stroke={stroke} strokeWidth={2} />;
    default:
      return <circle cx={cx} cy={cy} r={r} {...props} />;
  }
}

export function ShareTrendChart({ series, label, height = 260 }: { series: ShareSeries[]; label: string; height?: number }) {
  const shown = series.slice(0, styles.length);
  const months = shown[0]?.points.map((p) => p.month) ?? [];
  const data = months.map((month, i) => ({
    label: monthLabel(month),
    ...Object.fromEntries(shown.map((s, k) => [`s${k}`, s.points[i]?.share ?? null])),
    band: shown.length === 1 && shown[0]!.points[i]?.low != null ? [shown[0]!.points[i]!.low, shown[0]!.points[i]!.high] : null,
  }));
  return (
    <figure className="chart" aria-label={label} role="img" style={{ margin: 0 }}>
      <ResponsiveContainer width="100%" height={height}>
        <ComposedChart data={data} margin={{ top: 16, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#eef0f3" vertical={false} />
          <XAxis
            dataKey="label"
            interval={0}
            tick={{ fontSize: 11 }}
            tickFormatter={(value: string, index: number) => (index > 0 && !value.startsWith("Jan") ? value.slice(0, 3) : value)}
          />
          <YAxis domain={[0, (max: number) => Math.max(5, Math.ceil(max))]} tick={{ fontSize: 12 }} width={44} unit="%" allowDecimals={false} />
          <Tooltip formatter={(value) => (Array.isArray(value) ? value.map((v) => `${Number(v).toFixed(1)}%`).join(" – ") : `${Number(value).toFixed(1)}%`)} />
          {shown.length > 1 ? <Legend wrapperStyle={{ fontSize: 12 }} formatter={legendText} /> : null}
          {shown.length === 1 ? (
            <Area dataKey="band" stroke="none" fill={styles[0].stroke} fillOpacity={0.12} name="95% interval" isAnimationActive={false} legendType="none" />
          ) : null}
          {shown.map((s, k) => {
            const style = styles[k]!;
            return (
              <Line
                key={s.name}
                dataKey={`s${k}`}
                name={s.name}
                stroke={style.stroke}
                strokeDasharray={style.dash}
                strokeWidth={2}
                dot={(props: { cx?: number; cy?: number; index?: number }) => (
                  <Marker key={`${k}-${props.index}`} cx={props.cx} cy={props.cy} shape={style.dot} stroke={style.stroke} />
                )}
                connectNulls={false}
                isAnimationActive={false}
              />
            );
          })}
        </ComposedChart>
      </ResponsiveContainer>
    </figure>
  );
}
