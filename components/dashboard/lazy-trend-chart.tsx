"use client";
// The trend chart as pages use it: recharts (~110 kB gzipped) loads after the page, so tiles, tables and
// links are usable at once; the chart fills its reserved space a moment later without moving the layout.
import dynamic from "next/dynamic";
import type { ComponentProps } from "react";
import { MethodLink } from "../method-link";
import type { TrendChart as Chart } from "./trend-chart";

const Lazy = dynamic(() => import("./trend-chart").then((module) => module.TrendChart), {
  ssr: false,
  loading: () => <div className="skeleton" style={{ height: "100%" }} aria-hidden="true" />,
});

export function TrendChart(props: ComponentProps<typeof Chart>) {
  return (
    <>
      <div style={{ minHeight: props.height ?? 240 }}>
        <Lazy {...props} />
      </div>
      <MethodLink section="roll-up">How the scores and their 95% band are computed</MethodLink>
    </>
  );
}
