// Sign-in that resists guessing and sessions that end, through next-auth's real route handlers: the throttle
// (per account, per address, concurrent bursts, 429 + Retry-After), and session versions, idle and absolute limits.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_FAILURES, throttledAttempt } from "../server/auth/throttle";
import { endSessions, sessionUser, sessionVerdict } from "../server/auth/session-check";
import { verifyCredentials } from "../server/auth/users";
import { acceptInvitation, inviteUser, reissueInvitation } from "../server/people/invitations";
import { setUserActive, setUserRole } from "../server/people/users";
import { writeSetting } from "../server/settings/program-settings";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { seedTestModel, TEST_PASSWORD } from "./support/fixtures";

let database: TestDatabase;
let people: Awaited<ReturnType<typeof seedTestModel>>;
let GET: (request: Request) => Promise<Response>;
let POST: (request: Request) => Promise<Response>;
const admin = () => ({ id: people.admin.id, email: people.admin.email });

beforeAll(async () => {
  database = await createTestDatabase();
  people = await seedTestModel(database.db);
  process.env.DATABASE_URL = database.url;
  process.env.AUTH_SECRET = "a test secret that is long enough to sign tokens";
  // next-auth types its handlers for NextRequest; it reads only what a plain Request has.
  ({ GET, POST } = (await import("../app/api/auth/[...nextauth]/route")) as unknown as { GET: typeof GET; POST: typeof POST });
});
afterAll(async () => {
  const { appDatabase } = await import("../server/database");
  await (await appDatabase()).close();
  delete process.env.DATABASE_URL;
  delete process.env.AUTH_SECRET;
  await database.close();
});

const base = "http://localhost:3000/api/auth";
const cookiesOf = (response: Response) => response.headers.getSetCookie().map((cookie) => cookie.split(";")[0]!);

/** Signs in through POST /api/auth/callback/credentials as a browser form would, from `ip`. */
async function signInOverHttp(email: string, password: string, ip: string) {
  const csrf = await GET(new Request(`${base}/csrf`, { headers: { "x-forwarded-for": ip } }));
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await POST(
    new Request(`${base}/callback/credentials`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookiesOf(csrf).join("; "), "x-forwarded-for": ip },
      body: new URLSearchParams({ email, password, csrfToken, callbackUrl: "/" }),
    }),
  );
  const session = cookiesOf(response).find((cookie) => cookie.startsWith("authjs.session-token=") && cookie.length > 25);
  return { response, session };
}

async function sessionFor(cookie: string) {
  const response = await GET(new Request(`${base}/session`, { headers: { cookie } }));
  return ((await response.json()) as { user?: { email?: string } } | null)?.user?.email ?? null;
}

const attemptsFor = (email: string) =>
  database.db.execute<{ outcome: string; ip: string; at: Date }>(
    sql`select outcome, ip, attempted_at as at from sign_in_attempts where email = ${email} order by id`,
  );

describe("the sign-in throttle", () => {
  it(`answers the first ${MAX_FAILURES} wrong passwords normally, then 429 with Retry-After; the right one does not sign in during the lockout`, async () => {
    for (let i = 0; i < MAX_FAILURES; i++) {
      const { response, session } = await signInOverHttp("olive@test.example", `wrong ${i}`, "10.0.0.1");
      expect(response.status).toBe(302);
      expect(session).toBeUndefined();
    }
    const locked = await signInOverHttp("olive@test.example", "wrong again", "10.0.0.1");
    expect(locked.response.status).toBe(429);
    expect(Number(locked.response.headers.get("retry-after"))).toBeGreaterThan(14 * 60);
    expect(await locked.response.json()).toEqual({ error: expect.stringMatching(/Too many failed sign-ins .* Try again in 15 minutes/) });
    // From another address too: the account itself is locked.
    const right = await signInOverHttp("OLIVE@test.example", TEST_PASSWORD, "10.0.0.2");
    expect(right.response.status).toBe(429);
    expect(right.session).toBeUndefined();
    // Every attempt is recorded with account, address, time and outcome; the password is nowhere.
    const attempts = await attemptsFor("olive@test.example");
    expect(attempts.map((a) => a.outcome)).toEqual([...Array(MAX_FAILURES).fill("failed"), "throttled", "throttled"]);
    expect(attempts[0]).toMatchObject({ ip: "10.0.0.1", at: expect.stringMatching(/^\d{4}-\d{2}-\d{2} /) });
    const everything = JSON.stringify(await database.db.execute(sql`select * from sign_in_attempts`));
    expect(everything).not.toContain("wrong 0");
    expect(everything).not.toContain(TEST_PASSWORD);
  });

  it("counts failures per address across accounts", async () => {
    for (let i = 0; i < MAX_FAILURES; i++) {
      const { response } = await signInOverHttp(`nobody${i}@test.example`, "guess", "10.0.0.3");
      expect(response.status).toBe(302);
    }
    expect((await signInOverHttp("exec@test.example", TEST_PASSWORD, "10.0.0.3")).response.status).toBe(429);
    // The same account from a clean address signs in.
    expect((await signInOverHttp("exec@test.example", TEST_PASSWORD, "10.0.0.4")).session).toBeDefined();
  });

  it(`lets at most ${MAX_FAILURES} guesses of concurrent bursts reach the password check, then locks the account`, async () => {
    let checked = 0;
    const guess = (i: number) =>
      throttledAttempt(database.db, { kind: "password", email: "bert@test.example", ip: `10.1.0.${i}` }, async () => {
        checked++;
        return verifyCredentials(database.db, "bert@test.example", `guess ${i}`);
      });
    // Attempts still being checked count too, so a burst cannot slip past the count between check and record.
    for (let round = 0; round < 4; round++) {
      const burst = await Promise.all(Array.from({ length: 15 }, (_, i) => guess(round * 15 + i)));
      expect(burst.every((result) => result === null || "throttled" in result)).toBe(true);
    }
    expect(checked).toBeLessThanOrEqual(MAX_FAILURES);
    while (checked < MAX_FAILURES) await guess(100 + checked);
    const rightDuringLockout = await throttledAttempt(database.db, { kind: "password", email: "bert@test.example", ip: "10.1.1.1" }, () =>
      verifyCredentials(database.db, "bert@test.example", TEST_PASSWORD),
    );
    expect(rightDuringLockout).toMatchObject({ throttled: true, retryAfterSeconds: expect.any(Number) });
    expect(checked).toBe(MAX_FAILURES);
  });

  it("keeps its count in the database, where a restarted app (or a second one) reads it", async () => {
    const { throttleVerdict } = await import("../server/auth/throttle");
    const [row] = await database.db.execute<{ failures: number }>(
      sql`select count(*)::int as failures from sign_in_attempts where email = 'bert@test.example' and outcome = 'failed'`,
    );
    expect(row!.failures).toBe(MAX_FAILURES);
    // A second client on the same database (another app process) sees the lockout.
    const other = await import("../db/client").then(({ createDatabaseClient }) => createDatabaseClient(database.url, "postgres"));
    try {
      expect(await throttleVerdict(other.db, { kind: "password", email: "bert@test.example", ip: "10.9.9.9" })).toMatchObject({ throttled: true });
    } finally {
      await other.close();
    }
  });
});

describe("invitation links", () => {
  it(`are throttled per address: after ${MAX_FAILURES} wrong links the next, even a right one, is not looked up`, async () => {
    const key = { kind: "invitation" as const, email: "", ip: "10.3.0.1" };
    for (let i = 0; i < MAX_FAILURES; i++) expect(await throttledAttempt(database.db, key, async () => null)).toBeNull();
    let looked = false;
    const refused = await throttledAttempt(database.db, key, async () => {
      looked = true;
      return { id: 1 };
    });
    expect(refused).toMatchObject({ throttled: true });
    expect(looked).toBe(false);
    expect(await throttledAttempt(database.db, { ...key, ip: "10.3.0.2" }, async () => ({ id: 1 }))).toEqual({ id: 1 });
  });
});

describe("sessions", () => {
  it("end on the server at sign-out: the copied cookie is refused afterwards", async () => {
    const { session } = await signInOverHttp("admin@test.example", TEST_PASSWORD, "10.2.0.1");
    expect(session).toBeDefined();
    expect(await sessionFor(session!)).toBe("admin@test.example");
    const csrf = await GET(new Request(`${base}/csrf`, { headers: { cookie: session! } }));
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const signOut = await POST(
      new Request(`${base}/signout`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", cookie: [session!, ...cookiesOf(csrf)].join("; ") },
        body: new URLSearchParams({ csrfToken, callbackUrl: "/sign-in" }),
      }),
    );
    expect(signOut.status).toBe(302);
    expect(await sessionFor(session!)).toBeNull();
  });

  it("end at deactivation, and reactivating does not revive the old cookie", async () => {
    const { session } = await signInOverHttp("olive@test.example".replace("olive", "exec"), TEST_PASSWORD, "10.2.0.2");
    expect(await sessionFor(session!)).toBe("exec@test.example");
    await setUserActive(database.db, admin(), { userId: people.executive.id, active: false });
    expect(await sessionFor(session!)).toBeNull();
    await setUserActive(database.db, admin(), { userId: people.executive.id, active: true });
    expect(await sessionFor(session!)).toBeNull();
    expect(await sessionFor((await signInOverHttp("exec@test.example", TEST_PASSWORD, "10.2.0.2")).session!)).toBe("exec@test.example");
  });

  it("end at a role change", async () => {
    const { session } = await signInOverHttp("exec@test.example", TEST_PASSWORD, "10.2.0.3");
    await setUserRole(database.db, admin(), { userId: people.executive.id, role: "owner" });
    expect(await sessionFor(session!)).toBeNull();
    await setUserRole(database.db, admin(), { userId: people.executive.id, role: "executive" });
  });

  it("end when a password is set through an invitation link", async () => {
    const invited = await inviteUser(database.db, admin(), { email: "nina@test.example", name: "Nina New", role: "executive", departmentId: null });
    await acceptInvitation(database.db, invited.token, "a first long password");
    const { session } = await signInOverHttp("nina@test.example", "a first long password", "10.2.0.4");
    expect(await sessionFor(session!)).toBe("nina@test.example");
    const again = await reissueInvitation(database.db, admin(), invited.userId);
    await acceptInvitation(database.db, again.token, "a second long password");
    expect(await sessionFor(session!)).toBeNull();
  });

  it("are checked the same way for pages, tRPC and routes: the user as stored now, or nothing once the session ended", async () => {
    const now = Math.floor(Date.now() / 1000);
    const [row] = await database.db.execute<{ sv: number }>(sql`select session_version as sv from users where id = ${people.owner.id}`);
    const claims = { uid: String(people.owner.id), sv: row!.sv, sat: now - 60, seen: now - 30 };
    expect(await sessionUser(database.db, claims, now)).toMatchObject({ id: people.owner.id, email: people.owner.email, role: "owner" });
    expect(await sessionUser(database.db, { ...claims, seen: now - 121 * 60 }, now)).toBeNull();
    expect(await sessionUser(database.db, { ...claims, uid: "not a number" }, now)).toBeNull();
    await endSessions(database.db, people.owner.id);
    expect(await sessionUser(database.db, claims, now)).toBeNull();
    expect(await sessionUser(database.db, { ...claims, sv: row!.sv + 1 }, now)).toMatchObject({ id: people.owner.id });
  });

  it("end when idle longer than session_idle_minutes, or older than session_max_hours", () => {
    const limits = { active: true, version: 3, idleMinutes: 30, maxHours: 12 };
    const now = 1_800_000_000;
    expect(sessionVerdict({ version: 3, signedInAt: now - 3600, lastSeenAt: now - 60 }, limits, now)).toBe("current");
    expect(sessionVerdict({ version: 3, signedInAt: now - 3600, lastSeenAt: now - 31 * 60 }, limits, now)).toBe("idle");
    expect(sessionVerdict({ version: 3, signedInAt: now - 12 * 3600 - 1, lastSeenAt: now }, limits, now)).toBe("expired");
    expect(sessionVerdict({ version: 2, signedInAt: now, lastSeenAt: now }, limits, now)).toBe("ended");
    expect(sessionVerdict({ version: 3, signedInAt: now, lastSeenAt: now }, { ...limits, active: false }, now)).toBe("inactive");
    expect(sessionVerdict({ version: 3, signedInAt: now, lastSeenAt: now }, null, now)).toBe("inactive");
  });

  it("read their limits from the settings", async () => {
    await expect(writeSetting(database.db, admin(), { key: "session_idle_minutes", value: 1 })).rejects.toThrow(/session_idle_minutes: at least 5/);
    await writeSetting(database.db, admin(), { key: "session_max_hours", value: 1 });
    const { sessionLimits } = await import("../server/auth/session-check");
    expect(await sessionLimits(database.db, people.admin.id)).toMatchObject({ active: true, idleMinutes: 120, maxHours: 1 });
    await writeSetting(database.db, admin(), { key: "session_max_hours", value: 12 });
  });
});
