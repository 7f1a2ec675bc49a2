"use client";
// Failure demand month by month: the share of contacts caused upstream with its 95% band (left axis) over the
// month's contacts, failure demand darker (right axis). Months below the minimum sample leave a gap in the line.
import { Area, Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { legendText } from "../dashboard/legend-text";
import { monthLabel } from "../dashboard/trend-chart";

export interface DemandTrendPoint {
  month: string;
  /** Failure-demand share in percent, null below the minimum sample. */
  share: number | null;
  low: number | null;
  high: number | null;
  contacts: number;
  failure: number;
}

export function DemandTrendChart({ points, label, height = 260 }: { points: DemandTrendPoint[]; label: string; height?: number }) {
  const data = points.map((p) => ({
    ...p,
    label: monthLabel(p.month),
    band: p.low !== null && p.high !== null ? [Math.max(0, p.low), Math.min(100, p.high)] : null,
    other: p.contacts - p.failure,
  }));
  return (
    <figure className="chart" aria-label={label} role="img" style={{ margin: 0 }}>
      <ResponsiveContainer width="100%" height={height}>
        <ComposedChart data={data} margin={{ top: 16, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#eef0f3" vertical={false} />
          <XAxis
            dataKey="label"
            interval={0}
            tick={{ fontSize: 11 }}
            tickFormatter={(value: string, index: number) => (index > 0 && !value.startsWith("Jan") ? value.slice(0, 3) : value)}
          />
          <YAxis yAxisId="share" domain={[0, 100]} tick={{ fontSize: 12 }} width={44} unit="%" />
          <YAxis yAxisId="contacts" orientation="right" tick={{ fontSize: 12 }} width={52} allowDecimals={false} />
          <Tooltip formatter={(value) => (Array.isArray(value) ? value.map((v) => Number(v).toFixed(1)).join(" – ") : Number(value).toLocaleString("en-US"))} />
          <Legend wrapperStyle={{ fontSize: 12 }} formatter={legendText} />
          <Bar yAxisId="contacts" dataKey="failure" stackId="contacts" name="Failure demand (contacts)" fill="#d9a3a0" isAnimationActive={false} />
          <Bar yAxisId="contacts" dataKey="other" stackId="contacts" name="Other contacts" fill="#dfe3ea" isAnimationActive={false} />
          <Area yAxisId="share" dataKey="band" stroke="none" fill="#b3261e" fillOpacity={0.12} name="95% band" isAnimationActive={false} />
          <Line
            yAxisId="share"
            dataKey="share"
            stroke="#b3261e"
            strokeWidth={2}
            dot={{ r: 3 }}
            name="Failure-demand share (%)"
            connectNulls={false}
            isAnimationActive={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </figure>
  );
}
