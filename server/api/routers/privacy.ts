// Personal data on request: an admin erases one respondent or requester by email or external id.
// Thin layer over server/privacy/erase.ts, which checks the key, owns the transaction and writes the audit entry.
import { z } from "zod";
import { actorOf } from "@/server/audit";
import { EMAIL_MAX_LENGTH, EXTERNAL_ID_MAX_LENGTH } from "@/lib/privacy";
import { erasePersonalData } from "@/server/privacy/erase";
import { adminProcedure, createRouter } from "../trpc";

// Only a size cap here: which key was given, and whether it is an email, the domain says with the field and the fix.
const erasureInput = z.object({
  email: z.string().max(EMAIL_MAX_LENGTH, `at most ${EMAIL_MAX_LENGTH} characters`).optional(),
  externalId: z.string().max(EXTERNAL_ID_MAX_LENGTH, `at most ${EXTERNAL_ID_MAX_LENGTH} characters`).optional(),
});

export const privacyRouter = createRouter({
  erase: adminProcedure.input(erasureInput).mutation(({ ctx, input }) => erasePersonalData(ctx.db, actorOf(ctx.user), input)),
});
