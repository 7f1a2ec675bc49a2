// What each procedure takes and returns, inferred from the router: client components type their props and
// form state from these, never from hand-written copies that could drift from the server.
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";

export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
