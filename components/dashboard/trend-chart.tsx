"use client";
// A monthly trend with its 95% band, an optional target line and markers (e.g. initiative starts).
// Months below the minimum sample leave a gap rather than a misleading point.
import { Area, CartesianGrid, ComposedChart, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export interface TrendPoint {
  month: string;
  value: number | null;
  low: number | null;
  high: number | null;
  n: number;
}

export const monthLabel = (iso: string) =>
  new Date(`${iso.slice(0, 7)}-01T00:00:00Z`).toLocaleDateString("en-US", { month: "short", year: "2-digit", timeZone: "UTC" });

export function TrendChart({
  points,
  label,
  target,
  markers = [],
  height = 240,
  axis = "month",
}: {
  points: TrendPoint[];
  label: string;
  target?: number | null;
  markers?: Array<{ month: string; label: string }>;
  height?: number;
  /** "month": keys are ISO dates shown as "Mar 26"; "category": keys are shown as they are (e.g. stage names). */
  axis?: "month" | "category";
}) {
  const labelOf = (key: string) => (axis === "month" ? monthLabel(key) : key);
  const data = points.map((p) => ({ ...p, band: p.low !== null && p.high !== null ? [p.low, p.high] : null, label: labelOf(p.month) }));
  return (
    <figure className="chart" aria-label={label} role="img" style={{ margin: 0 }}>
      <ResponsiveContainer width="100%" height={height}>
        <ComposedChart data={data} margin={{ top: 16, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#eef0f3" vertical={false} />
          {/* Every month labelled: "Jan 26" where a year starts (and at the first month), else "Mar", so twelve fit a phone. */}
          <XAxis
            dataKey="label"
            interval={0}
            tick={{ fontSize: 11 }}
            tickFormatter={(value: string, index: number) => (axis === "month" && index > 0 && !value.startsWith("Jan") ? value.slice(0, 3) : value)}
          />
          <YAxis
            // Keep the target in view even when every month is far from it.
            domain={[(min: number) => Math.floor(Math.min(min, target ?? min)), (max: number) => Math.ceil(Math.max(max, target ?? max))]}
            tick={{ fontSize: 12 }}
            allowDecimals={false}
            width={44}
          />
          <Tooltip formatter={(value) => (Array.isArray(value) ? value.map((v) => Number(v).toFixed(1)).join(" – ") : Number(value).toFixed(1))} />
          <Area dataKey="band" stroke="none" fill="#2f5bea" fillOpacity={0.12} name="95% band" isAnimationActive={false} />
          <Line dataKey="value" stroke="#2f5bea" strokeWidth={2} dot={{ r: 3 }} name="Score" connectNulls={false} isAnimationActive={false} />
          {target != null ? (
            <ReferenceLine
              y={target}
              stroke="#8a5a00"
              strokeDasharray="6 4"
              label={{ value: "target", fontSize: 11, fill: "#8a5a00", position: "insideTopRight" }}
            />
          ) : null}
          {markers.map((m) => (
            <ReferenceLine
              key={`${m.month}-${m.label}`}
              x={labelOf(m.month)}
              stroke="#1f7a4d"
              label={{ value: m.label, fontSize: 11, fill: "#1f7a4d", position: "insideTopLeft" }}
            />
          ))}
        </ComposedChart>
      </ResponsiveContainer>
    </figure>
  );
}
