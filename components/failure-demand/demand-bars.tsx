"use client";
// Contacts caused, as horizontal bars (by department, by journey stage), in the order given.
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { demandBarsHeight } from "./bars-height";

export interface DemandBar {
  name: string;
  contacts: number;
}

export function DemandBars({ bars, label }: { bars: DemandBar[]; label: string }) {
  return (
    <figure role="img" aria-label={label} style={{ margin: 0 }}>
      <ResponsiveContainer width="100%" height={demandBarsHeight(bars.length)}>
        <BarChart data={bars} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 8 }}>
          <CartesianGrid stroke="#eef0f3" horizontal={false} />
          <XAxis type="number" tick={{ fontSize: 12 }} allowDecimals={false} />
          <YAxis type="category" dataKey="name" width={190} tick={{ fontSize: 12 }} />
          <Tooltip formatter={(value) => Math.round(Number(value)).toLocaleString("en-US")} />
          <Bar dataKey="contacts" name="Contacts caused" fill="#b3261e" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
