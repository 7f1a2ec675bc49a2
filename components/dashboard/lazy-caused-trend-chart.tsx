"use client";
// The contacts-and-score chart as pages use it: recharts loads after the page, in a box that keeps its size.
import dynamic from "next/dynamic";
import type { ComponentProps } from "react";
import { MethodLink } from "../method-link";
import type { CausedTrendChart as Chart } from "./caused-trend-chart";

const Lazy = dynamic(() => import("./caused-trend-chart").then((module) => module.CausedTrendChart), {
  ssr: false,
  loading: () => <div className="skeleton" style={{ height: "100%" }} aria-hidden="true" />,
});

export function CausedTrendChart(props: ComponentProps<typeof Chart>) {
  return (
    <>
      <div style={{ minHeight: props.height ?? 240 }}>
        <Lazy {...props} />
      </div>
      <MethodLink section="failure-demand">How contacts caused are counted</MethodLink>
    </>
  );
}
