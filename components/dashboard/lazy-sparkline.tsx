"use client";
// The sparkline as pages use it: recharts loads after the page, in a box that keeps its size meanwhile.
import dynamic from "next/dynamic";
import type { ComponentProps } from "react";
import type { Sparkline as Chart } from "./sparkline";

const Lazy = dynamic(() => import("./sparkline").then((module) => module.Sparkline), { ssr: false, loading: () => <div style={{ width: 140, height: 36 }} /> });

export function Sparkline(props: ComponentProps<typeof Chart>) {
  return <Lazy {...props} />;
}
