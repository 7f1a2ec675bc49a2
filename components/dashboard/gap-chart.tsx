"use client";
// The perception gap made plain: per touchpoint, the score the company expects beside the one customers gave.
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export interface GapBar {
  name: string;
  expected: number;
  customer: number;
}

export function GapChart({ bars, label }: { bars: GapBar[]; label: string }) {
  return (
    <figure role="img" aria-label={label} style={{ margin: 0 }}>
      <ResponsiveContainer width="100%" height={Math.max(160, bars.length * 34 + 40)}>
        <BarChart data={bars} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 8 }} barGap={2}>
          <CartesianGrid stroke="#eef0f3" horizontal={false} />
          <XAxis type="number" domain={[0, 100]} tick={{ fontSize: 12 }} />
          <YAxis type="category" dataKey="name" width={190} tick={{ fontSize: 12 }} />
          <Tooltip formatter={(value) => Number(value).toFixed(1)} />
          <Legend />
          <Bar dataKey="expected" name="The company expects" fill="#8a5a00" isAnimationActive={false} />
          <Bar dataKey="customer" name="Customers scored" fill="#2f5bea" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
