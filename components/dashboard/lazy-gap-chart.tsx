"use client";
// The gap chart as pages use it: recharts loads after the page, in a box that keeps its height meanwhile.
import dynamic from "next/dynamic";
import type { ComponentProps } from "react";
import { MethodLink } from "../method-link";
import type { GapChart as Chart } from "./gap-chart";

const Lazy = dynamic(() => import("./gap-chart").then((module) => module.GapChart), {
  ssr: false,
  loading: () => <div className="skeleton" style={{ height: "100%" }} aria-hidden="true" />,
});

export function GapChart(props: ComponentProps<typeof Chart>) {
  return (
    <>
      <div style={{ minHeight: Math.max(160, props.bars.length * 34 + 40) }}>
        <Lazy {...props} />
      </div>
      <MethodLink section="scores">How scores are computed</MethodLink>
    </>
  );
}
