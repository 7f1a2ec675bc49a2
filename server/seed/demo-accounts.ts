// The demo accounts offered on the sign-in page: the demo company's people that exist and can sign in.
import { and, inArray, isNotNull, eq } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { departments, users } from "@/db/schema";
import { demoModel } from "./demo-model";

const roleOrder = { admin: 0, executive: 1, owner: 2 } as const;

export async function listDemoAccounts(db: Queryable): Promise<Array<{ email: string; label: string }>> {
  const emails = demoModel.users.map((u) => u.email);
  const rows = await db
    .select({ email: users.email, name: users.name, role: users.role, department: departments.name })
    .from(users)
    .leftJoin(departments, eq(departments.id, users.departmentId))
    .where(and(inArray(users.email, emails), eq(users.active, true), isNotNull(users.passwordHash)));
  return rows
    .sort((a, b) => roleOrder[a.role] - roleOrder[b.role] || a.email.localeCompare(b.email))
    .map((row) => ({
      email: row.email,
      label: row.role === "owner" ? `Owner · ${row.department ?? "no department"}` : row.role === "admin" ? "Admin" : "Executive (CCO)",
    }));
}
