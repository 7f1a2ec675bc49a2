// Password hashing with bcrypt (pure JS, so the same code runs in Next.js, the CLI and tests).
// Cost 10 keeps a sign-in near 50 ms on the reference machine while staying within OWASP's advice.
import "server-only";
import bcrypt from "bcryptjs";

const COST = 10;

export function hashPassword(plain: string): Promise<string> {
  return bcrypt.hash(plain, COST);
}

export function verifyPassword(plain: string, hash: string | null): Promise<boolean> {
  // Compare against a fixed hash when the account has none, so timing does not reveal which accounts exist.
  return bcrypt.compare(plain, hash ?? "$2b$10$CwTycUXWue0Thq9StjUM0uJ8DPLKXt1FYlwYpaW9vQ2PXE7bG1O7e");
}
