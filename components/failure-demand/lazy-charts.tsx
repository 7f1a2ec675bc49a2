"use client";
// The failure-demand charts as pages use them: recharts loads after the page, in a box that keeps its height,
// so tiles, tables and links are usable at once; each chart links to how its figures are computed.
import dynamic from "next/dynamic";
import type { ComponentProps } from "react";
import { MethodLink } from "../method-link";
import { demandBarsHeight } from "./bars-height";
import type { DemandBars as Bars } from "./demand-bars";
import type { DemandTrendChart as Trend } from "./demand-trend-chart";

const skeleton = () => <div className="skeleton" style={{ height: "100%" }} aria-hidden="true" />;
const LazyTrend = dynamic(() => import("./demand-trend-chart").then((module) => module.DemandTrendChart), { ssr: false, loading: skeleton });
const LazyBars = dynamic(() => import("./demand-bars").then((module) => module.DemandBars), { ssr: false, loading: skeleton });

export function DemandTrendChart(props: ComponentProps<typeof Trend>) {
  return (
    <>
      <div style={{ minHeight: props.height ?? 260 }}>
        <LazyTrend {...props} />
      </div>
      <MethodLink section="failure-demand">How the failure-demand share and its 95% band are computed</MethodLink>
    </>
  );
}

export function DemandBars(props: ComponentProps<typeof Bars>) {
  return (
    <>
      <div style={{ minHeight: demandBarsHeight(props.bars.length) }}>
        <LazyBars {...props} />
      </div>
      <MethodLink section="failure-demand">How contacts are attributed to departments and stages</MethodLink>
    </>
  );
}
