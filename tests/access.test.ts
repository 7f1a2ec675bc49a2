// Every tRPC procedure refuses an anonymous caller and each role its meta does not allow.
// The list is generated from the router, so a new procedure cannot be forgotten.
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { userRoles, type UserRole } from "../db/schema";
import { appRouter, createCaller } from "../server/api/root";
import type { ProcedureMeta } from "../server/api/trpc";
import type { SessionUser } from "../server/auth/users";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { seedTestModel } from "./support/fixtures";

type AnyProcedure = { _def: { meta?: ProcedureMeta; type: "query" | "mutation" | "subscription" } };
const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, AnyProcedure>);

let database: TestDatabase;
let people: Record<UserRole, SessionUser>;
beforeAll(async () => {
  database = await createTestDatabase();
  people = await seedTestModel(database.db);
});
afterAll(() => database.close());

async function call(path: string, user: SessionUser | null): Promise<unknown> {
  const caller = createCaller({ db: database.db, user }) as unknown as Record<string, unknown>;
  const fn = path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller) as (input?: unknown) => Promise<unknown>;
  return fn(undefined);
}

async function errorCode(path: string, user: SessionUser | null): Promise<string | null> {
  try {
    await call(path, user);
    return null;
  } catch (error) {
    return error instanceof TRPCError ? error.code : "NON_TRPC_ERROR";
  }
}

describe("procedure access", () => {
  it("finds the procedures and every one declares its roles", () => {
    expect(procedures.length).toBeGreaterThan(3);
    for (const [path, procedure] of procedures) {
      expect(procedure._def.meta?.roles?.length, `${path} declares no roles`).toBeGreaterThan(0);
    }
  });

  for (const [path, procedure] of procedures) {
    const allowed = procedure._def.meta?.roles ?? [];
    it(`${path} refuses anonymous callers`, async () => {
      expect(await errorCode(path, null)).toBe("UNAUTHORIZED");
    });
    for (const role of userRoles) {
      if (allowed.includes(role)) {
        it(`${path} lets ${role} past the role check`, async () => {
          expect(["UNAUTHORIZED", "FORBIDDEN"]).not.toContain(await errorCode(path, people[role]));
        });
      } else {
        it(`${path} refuses ${role}`, async () => {
          expect(await errorCode(path, people[role])).toBe("FORBIDDEN");
        });
      }
    }
  }
});
