"use client";
// Importance × performance: each driver a point (weight across, performance up), the lines at the mean weight and
// the drivers' mean performance; a driver that is not significant is drawn hollow and grey, apart from the ranking.
import { CartesianGrid, Label, LabelList, ReferenceLine, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis, ZAxis } from "recharts";

export interface QuadrantPoint {
  name: string;
  weight: number;
  performance: number;
  significant: boolean;
}

export function QuadrantChart({
  points,
  thresholds,
  label,
  height = 340,
}: {
  points: QuadrantPoint[];
  thresholds: { weight: number; performance: number | null };
  label: string;
  height?: number;
}) {
  const significant = points.filter((p) => p.significant);
  const apart = points.filter((p) => !p.significant);
  const maxWeight = Math.max(thresholds.weight * 2, ...points.map((p) => p.weight)) * 1.1;
  const low = Math.floor(Math.min(...points.map((p) => p.performance), thresholds.performance ?? 100) / 10) * 10 - 5;
  const high = Math.min(100, Math.ceil(Math.max(...points.map((p) => p.performance), thresholds.performance ?? 0) / 10) * 10 + 5);
  return (
    <figure className="chart" aria-label={label} role="img" style={{ margin: 0 }}>
      <ResponsiveContainer width="100%" height={height}>
        <ScatterChart margin={{ top: 24, right: 24, bottom: 24, left: 8 }}>
          <CartesianGrid stroke="#eef0f3" />
          <XAxis type="number" dataKey="weight" name="Importance" unit="%" domain={[0, Math.ceil(maxWeight)]} tick={{ fontSize: 12 }}>
            <Label value="Importance (share of what the model explains, %)" position="bottom" offset={4} style={{ fontSize: 12 }} />
          </XAxis>
          <YAxis type="number" dataKey="performance" name="Performance" domain={[Math.max(0, low), high]} tick={{ fontSize: 12 }} width={48}>
            <Label value="Performance (0–100)" angle={-90} position="insideLeft" style={{ fontSize: 12, textAnchor: "middle" }} />
          </YAxis>
          <ZAxis range={[90, 90]} />
          <ReferenceLine x={thresholds.weight} stroke="#8a94a6" strokeDasharray="4 4" />
          {thresholds.performance !== null ? <ReferenceLine y={thresholds.performance} stroke="#8a94a6" strokeDasharray="4 4" /> : null}
          <ReferenceLine x={maxWeight * 0.98} stroke="none" label={{ value: "Keep up", position: "insideTopRight", fontSize: 12, fill: "#2e7d32" }} />
          <ReferenceLine
            x={maxWeight * 0.98}
            stroke="none"
            label={{ value: "Fix first", position: "insideBottomRight", fontSize: 12, fill: "#b3261e", fontWeight: 600 }}
          />
          <ReferenceLine x={0} stroke="none" label={{ value: "Possible overkill", position: "insideTopLeft", fontSize: 12, fill: "#5f6b7a" }} />
          <ReferenceLine x={0} stroke="none" label={{ value: "Low priority", position: "insideBottomLeft", fontSize: 12, fill: "#5f6b7a" }} />
          <Tooltip
            cursor={{ strokeDasharray: "3 3" }}
            formatter={(value, name) => (name === "Importance" ? `${Number(value).toFixed(1)}%` : Number(value).toFixed(1))}
          />
          <Scatter name="Significant drivers" data={significant} fill="#1f5fbf" isAnimationActive={false}>
            <LabelList dataKey="name" position="top" style={{ fontSize: 12, fill: "#1d2533" }} />
          </Scatter>
          <Scatter name="Not significant" data={apart} fill="#ffffff" stroke="#8a94a6" strokeDasharray="2 2" isAnimationActive={false}>
            <LabelList dataKey="name" position="top" style={{ fontSize: 11, fill: "#8a94a6" }} />
          </Scatter>
        </ScatterChart>
      </ResponsiveContainer>
    </figure>
  );
}
