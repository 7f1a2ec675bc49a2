"use client";
// The quadrant chart as pages use it: recharts loads after the page in a box that keeps its height, so the
// table behind it is usable at once; the link says how the weights are computed.
import dynamic from "next/dynamic";
import type { ComponentProps } from "react";
import { MethodLink } from "../method-link";
import type { QuadrantChart as Chart } from "./quadrant-chart";

const skeleton = () => <div className="skeleton" style={{ height: "100%" }} aria-hidden="true" />;
const LazyChart = dynamic(() => import("./quadrant-chart").then((module) => module.QuadrantChart), { ssr: false, loading: skeleton });

export function QuadrantChart(props: ComponentProps<typeof Chart>) {
  return (
    <>
      <div style={{ minHeight: props.height ?? 340 }}>
        <LazyChart {...props} />
      </div>
      <MethodLink section="key-drivers-method">How importance, significance and the quadrants are computed</MethodLink>
    </>
  );
}
