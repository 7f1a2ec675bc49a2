"use client";
// The contacts a touchpoint caused each month (bars, right axis) beside its experience score with its 95% band
// (line, left axis) on one month axis, so a fall in the score reads against a rise in the contacts it caused.
import { Area, Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { legendText } from "./legend-text";
import { monthLabel } from "./trend-chart";

export interface CausedTrendPoint {
  month: string;
  contacts: number;
  /** The experience score (0–100) and its band; null where the month is below the minimum sample. */
  score: number | null;
  low: number | null;
  high: number | null;
}

export function CausedTrendChart({
  points,
  label,
  describedBy,
  height = 240,
}: {
  points: CausedTrendPoint[];
  label: string;
  /** The id of the text that says what the chart shows, for screen readers. */
  describedBy?: string;
  height?: number;
}) {
  const data = points.map((p) => ({
    ...p,
    contacts: Math.round(p.contacts * 10) / 10,
    band: p.low !== null && p.high !== null ? [p.low, p.high] : null,
    label: monthLabel(p.month),
  }));
  return (
    <figure className="chart" aria-label={label} aria-describedby={describedBy} role="img" style={{ margin: 0 }}>
      <ResponsiveContainer width="100%" height={height}>
        <ComposedChart data={data} margin={{ top: 16, right: 0, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#eef0f3" vertical={false} />
          {/* As on every trend: "Jan 26" where a year starts (and at the first month), else "Mar". */}
          <XAxis
            dataKey="label"
            interval={0}
            tick={{ fontSize: 11 }}
            tickFormatter={(value: string, index: number) => (index > 0 && !value.startsWith("Jan") ? value.slice(0, 3) : value)}
          />
          <YAxis
            yAxisId="score"
            domain={[(min: number) => Math.floor(min), (max: number) => Math.ceil(max)]}
            tick={{ fontSize: 12 }}
            allowDecimals={false}
            width={44}
            label={{ value: "score", angle: -90, position: "insideLeft", fontSize: 11, fill: "#2f5bea" }}
          />
          <YAxis
            yAxisId="contacts"
            orientation="right"
            tick={{ fontSize: 12 }}
            allowDecimals={false}
            width={48}
            label={{ value: "contacts", angle: 90, position: "insideRight", fontSize: 11, fill: "#b4532a" }}
          />
          <Tooltip formatter={(value) => (Array.isArray(value) ? value.map((v) => Number(v).toFixed(1)).join(" – ") : Number(value).toFixed(1))} />
          <Legend wrapperStyle={{ fontSize: 12 }} formatter={legendText} />
          <Bar yAxisId="contacts" dataKey="contacts" name="Contacts caused" fill="#b4532a" fillOpacity={0.45} isAnimationActive={false} />
          <Area yAxisId="score" dataKey="band" stroke="none" fill="#2f5bea" fillOpacity={0.12} name="Score's 95% band" isAnimationActive={false} />
          <Line
            yAxisId="score"
            dataKey="score"
            stroke="#2f5bea"
            strokeWidth={2}
            dot={{ r: 3 }}
            name="Experience score"
            connectNulls={false}
            isAnimationActive={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </figure>
  );
}
