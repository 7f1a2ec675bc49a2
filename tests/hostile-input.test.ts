// Every procedure of the router, driven as an admin with generated hostile input (NUL, huge and negative
// numbers, impossible dates, long strings, wrong types): never an INTERNAL_SERVER_ERROR, and a refusal
// writes nothing. The list comes from the router, as in the access test, so no procedure is forgotten.
import fc from "fast-check";
import { TRPCError } from "@trpc/server";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRouter, createCaller } from "../server/api/root";
import type { SessionUser } from "../server/auth/users";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { seedTestModel } from "./support/fixtures";

type AnyProcedure = { _def: { inputs?: unknown[]; type: string } };
const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, AnyProcedure>);

let database: TestDatabase;
let admin: SessionUser;
beforeAll(async () => {
  database = await createTestDatabase();
  admin = (await seedTestModel(database.db)).admin;
});
afterAll(() => database.close());

type ZodLike = { _zod?: { def: Record<string, unknown> & { type: string } }; shape?: Record<string, ZodLike> };
const defOf = (schema: unknown) => (schema as ZodLike)?._zod?.def;

const hostileString = fc.oneof(
  fc.constantFrom(
    "",
    "\u0000",
    "a\u0000b",
    "2026-02-30",
    "2026-13-45",
    "9999-12-31",
    "0000-01-01",
    "2026-Q9",
    "1e309",
    "-1",
    "' or 1=1 --",
    "NaN",
    "2026-01-01",
  ),
  fc.string({ maxLength: 12 }),
  fc.constant("x".repeat(20_000)),
);
const hostileNumber = fc.oneof(
  fc.constantFrom(0, -1, 1, 2, 3, 2 ** 31, 2 ** 31 - 1, -(2 ** 31) - 1, 2 ** 53, Number.MAX_VALUE, 1.5, NaN, Infinity, -Infinity),
  fc.integer(),
  fc.double(),
);
const wrongType: fc.Arbitrary<unknown> = fc.oneof(hostileString, hostileNumber, fc.boolean(), fc.constant(null), fc.constant([]), fc.constant({ "\u0000": 1 }));

/**
 * Input shaped like the procedure's own schema (so it gets past the first check and reaches the code behind
 * it), with every leaf hostile for its type, and now and then the wrong type altogether.
 */
function arbitraryFor(schema: unknown, depth = 0): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  if (!def || depth > 4) return wrongType;
  const inner = (key: string) => arbitraryFor(def[key], depth + 1);
  const shaped = ((): fc.Arbitrary<unknown> => {
    switch (def.type) {
      case "optional":
      case "nullable":
      case "default":
      case "prefault":
      case "readonly":
      case "catch":
        return fc.oneof(inner("innerType"), fc.constant(undefined), fc.constant(null));
      case "pipe":
        return inner("in");
      case "number":
      case "int":
      case "bigint":
        return hostileNumber;
      case "string":
        return hostileString;
      case "boolean":
        return fc.boolean();
      case "enum":
        return fc.oneof(fc.constantFrom(...Object.values(def.entries as Record<string, string>)), hostileString);
      case "literal":
        return fc.oneof(fc.constantFrom(...(def.values as unknown[])), hostileString);
      case "array":
        return fc.array(inner("element"), { maxLength: 4 });
      case "record":
        return fc.dictionary(hostileString, inner("valueType"), { maxKeys: 3 });
      case "object": {
        const shape = def.shape as Record<string, unknown>;
        return fc.record(Object.fromEntries(Object.keys(shape).map((key) => [key, arbitraryFor(shape[key], depth + 1)])), { requiredKeys: [] });
      }
      case "union":
        return fc.oneof(...(def.options as unknown[]).map((option) => arbitraryFor(option, depth + 1)));
      default:
        return wrongType;
    }
  })();
  return fc.oneof({ weight: 6, arbitrary: shaped }, { weight: 1, arbitrary: wrongType });
}

async function fingerprint(): Promise<string> {
  // Every table's row count: a refused call must leave them all as they were.
  const tables = await database.db.execute<{ name: string }>(sql`select tablename as name from pg_tables where schemaname = 'public' order by 1`);
  const counts = await Promise.all(
    tables.map(async (t) => `${t.name}=${(await database.db.execute<{ n: number }>(sql.raw(`select count(*)::int as n from "${t.name}"`)))[0]!.n}`),
  );
  return counts.join(",");
}

async function call(path: string, input: unknown): Promise<unknown> {
  const caller = createCaller({ db: database.db, user: admin }) as unknown as Record<string, unknown>;
  const fn = path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller) as (input?: unknown) => Promise<unknown>;
  return fn(input);
}

describe("hostile input to every procedure", () => {
  it("finds the procedures", () => expect(procedures.length).toBeGreaterThan(40));

  for (const [path, procedure] of procedures) {
    const input = arbitraryFor(procedure._def.inputs?.[0]);
    it(`${path} answers hostile input without an internal error`, { timeout: 120_000 }, async () => {
      await fc.assert(
        fc.asyncProperty(input, async (value) => {
          const before = procedure._def.type === "mutation" ? await fingerprint() : "";
          try {
            await call(path, value);
          } catch (error) {
            const code = error instanceof TRPCError ? error.code : "NOT_A_TRPC_ERROR";
            expect(code, `${path}(${JSON.stringify(value)?.slice(0, 200)}) → ${String((error as Error).cause ?? error)}`).not.toMatch(
              /INTERNAL_SERVER_ERROR|NOT_A_TRPC_ERROR/,
            );
            if (procedure._def.type === "mutation") expect(await fingerprint(), `${path} wrote on refusal`).toBe(before);
          }
        }),
        { numRuns: 40, seed: 20261201 },
      );
    });
  }
});
