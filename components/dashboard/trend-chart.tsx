"use client";
// The 12-month trend of the experience score with its 95% band; a table view sits beside it for screen readers.
import { Area, CartesianGrid, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export interface TrendPoint {
  month: string;
  value: number | null;
  low: number | null;
  high: number | null;
  n: number;
}

const monthLabel = (iso: string) => new Date(`${iso}T00:00:00Z`).toLocaleDateString("en-US", { month: "short", year: "2-digit", timeZone: "UTC" });

export function TrendChart({ points, label }: { points: TrendPoint[]; label: string }) {
  const data = points.map((p) => ({ ...p, band: p.low !== null && p.high !== null ? [p.low, p.high] : null, label: monthLabel(p.month) }));
  return (
    <figure className="chart" aria-label={label} role="img" style={{ margin: 0 }}>
      <ResponsiveContainer width="100%" height={240}>
        <ComposedChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#eef0f3" vertical={false} />
          <XAxis dataKey="label" tick={{ fontSize: 12 }} />
          <YAxis domain={["auto", "auto"]} tick={{ fontSize: 12 }} width={40} />
          <Tooltip formatter={(value) => (Array.isArray(value) ? value.map((v) => Number(v).toFixed(1)).join(" – ") : Number(value).toFixed(1))} />
          <Area dataKey="band" stroke="none" fill="#2f5bea" fillOpacity={0.12} name="95% band" isAnimationActive={false} />
          <Line dataKey="value" stroke="#2f5bea" strokeWidth={2} dot={{ r: 3 }} name="Score" connectNulls={false} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </figure>
  );
}
