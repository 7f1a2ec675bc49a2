// tRPC foundation: the request context and exactly one procedure builder per role.
// Every procedure is built from one of these, and each records its allowed roles in `meta.roles`.
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError } from "zod";
import type { Database } from "@/db/client";
import type { UserRole } from "@/db/schema";
import type { SessionUser } from "@/server/auth/users";

export interface Context {
  db: Database;
  /** Dashboard reads: the read replica when DATABASE_READ_URL is set; the primary when absent. */
  readDb?: Database;
  user: SessionUser | null;
}

export interface ProcedureMeta {
  /** The roles allowed to call the procedure; the access test reads this for every procedure. */
  roles: readonly UserRole[];
}

const t = initTRPC
  .context<Context>()
  .meta<ProcedureMeta>()
  .create({
    transformer: superjson,
    defaultMeta: { roles: [] },
    errorFormatter({ shape, error }) {
      const zodError = error.cause instanceof ZodError ? error.cause.issues : null;
      // Forms show `message` as it comes: say what is wrong with which field, not zod's JSON dump.
      const message = zodError ? zodError.map((issue) => (issue.path.length ? `${issue.path.join(".")}: ${issue.message}` : issue.message)).join("; ") : shape.message;
      return { ...shape, message, data: { ...shape.data, zodError } };
    },
  });

export const createRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

function procedureFor(roles: readonly UserRole[]) {
  return t.procedure.meta({ roles }).use(({ ctx, next }) => {
    if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue." });
    if (!roles.includes(ctx.user.role)) {
      throw new TRPCError({ code: "FORBIDDEN", message: `This needs the ${roles.join(" or ")} role.` });
    }
    return next({ ctx: { db: ctx.db, readDb: ctx.readDb ?? ctx.db, user: ctx.user } });
  });
}

/** Reads the dashboard: every signed-in role. Never returns respondents' personal data. */
export const viewerProcedure = procedureFor(["admin", "executive", "owner"]);
/** Changes things that belong to touchpoints; the handler must also call `assertCanChangeTouchpoint`. */
export const ownerProcedure = procedureFor(["admin", "owner"]);
/** Setup, imports and user management. */
export const adminProcedure = procedureFor(["admin"]);
