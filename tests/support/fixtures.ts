// Small, explicit fixtures for tests: a minimal model and one user per role.
import type { Database } from "../../db/client";
import type { UserRole } from "../../db/schema";
import type { SessionUser } from "../../server/auth/users";
import type { ModelDocumentInput } from "../../server/model/document";
import { importModel } from "../../server/model/transfer";
import { activeUserByEmail, setPassword } from "../../server/auth/users";

export const testModel: ModelDocumentInput = {
  version: 1,
  departments: [
    { name: "Service", head: "olive@test.example" },
    { name: "Billing", head: "bert@test.example" },
  ],
  users: [
    { email: "admin@test.example", name: "Ada Admin", role: "admin" },
    { email: "exec@test.example", name: "Eve Exec", role: "executive" },
    { email: "olive@test.example", name: "Olive Owner", role: "owner", department: "Service" },
    { email: "bert@test.example", name: "Bert Biller", role: "owner", department: "Billing" },
  ],
  touchpoints: [
    { code: "SVC-HOST", name: "Host greeting", channel: "in_person", department: "Service", owner: "olive@test.example", targets: { csat: 80 } },
    { code: "BIL-BILL", name: "The bill", channel: "in_person", department: "Billing", owner: "bert@test.example", targets: { nps: 30 } },
  ],
  locations: [
    { code: "NORTH", name: "North", kind: "region", manager: "olive@test.example" },
    { code: "N-LEEDS", name: "Leeds", kind: "site", region: "NORTH", manager: "olive@test.example" },
    { code: "N-YORK", name: "York", kind: "site", region: "NORTH" },
    { code: "S-BATH", name: "Bath", kind: "site", region: "SOUTH" },
    { code: "SOUTH", name: "South", kind: "region" },
  ],
  journeys: [
    {
      name: "Dinner",
      persona: "A couple out for the evening",
      stages: [
        { name: "Arrive", touchpoints: ["SVC-HOST"] },
        { name: "Pay", touchpoints: ["BIL-BILL"] },
      ],
    },
  ],
};

export const TEST_PASSWORD = "correct horse battery";

/** Import the test model and give every user the test password; returns one session user per role. */
export async function seedTestModel(db: Database): Promise<Record<UserRole, SessionUser> & { otherOwner: SessionUser }> {
  await importModel(db, { id: null, email: "test" }, testModel);
  const byEmail = async (email: string) => {
    const user = await activeUserByEmail(db, email);
    if (!user) throw new Error(`fixture user ${email} missing`);
    await setPassword(db, user.id, TEST_PASSWORD);
    return user;
  };
  return {
    admin: await byEmail("admin@test.example"),
    executive: await byEmail("exec@test.example"),
    owner: await byEmail("olive@test.example"),
    otherOwner: await byEmail("bert@test.example"),
  };
}
