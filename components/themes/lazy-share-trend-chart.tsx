"use client";
// The themes' trend chart as pages use it: recharts loads after the page in a box that keeps its height, so the
// table behind it is usable at once.
import dynamic from "next/dynamic";
import type { ComponentProps } from "react";
import type { ShareTrendChart as Chart } from "./share-trend-chart";

const skeleton = () => <div className="skeleton" style={{ height: "100%" }} aria-hidden="true" />;
const LazyChart = dynamic(() => import("./share-trend-chart").then((module) => module.ShareTrendChart), { ssr: false, loading: skeleton });

export function ShareTrendChart(props: ComponentProps<typeof Chart>) {
  return (
    <div style={{ minHeight: props.height ?? 260 }}>
      <LazyChart {...props} />
    </div>
  );
}
