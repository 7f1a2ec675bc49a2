"use client";
// A 12-month sparkline of one touchpoint's score; months below the minimum sample leave a gap.
import { Line, LineChart, ResponsiveContainer, YAxis } from "recharts";

export function Sparkline({ points, label }: { points: Array<{ month: string; value: number | null }>; label: string }) {
  return (
    <figure role="img" aria-label={label} style={{ margin: 0, width: 140, height: 36 }}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={points} margin={{ top: 4, right: 2, bottom: 4, left: 2 }}>
          <YAxis hide domain={["dataMin", "dataMax"]} />
          <Line dataKey="value" stroke="#2f5bea" strokeWidth={1.5} dot={false} connectNulls={false} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
