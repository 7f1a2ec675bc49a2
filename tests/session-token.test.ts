// The session token is decoded once per distinct token, and the memo never says more than a decode would: an
// expired, altered or differently signed token is refused as next-auth's own decode refuses it.
import { encode } from "next-auth/jwt";
import { afterEach, describe, expect, it, vi } from "vitest";
import { decodeSessionToken, readSessionToken } from "../server/auth/session-token";

const secret = "a test secret that is long enough to sign tokens";
const salt = "authjs.session-token";
const claims = { uid: "7", sv: 2, sat: 1, seen: 1, idle: 120 };

afterEach(() => {
  vi.useRealTimers();
});

describe("the session token memo", () => {
  it("gives the same claims on every read, and a copy the caller may change", async () => {
    const token = await encode({ token: claims, secret, salt, maxAge: 3600 });
    const first = await decodeSessionToken({ token, secret, salt });
    expect(first).toMatchObject(claims);
    first!.uid = "8";
    expect(await decodeSessionToken({ token, secret, salt })).toMatchObject(claims);
  });

  it("refuses a kept token once it has expired", async () => {
    const token = await encode({ token: claims, secret, salt, maxAge: 60 });
    expect(await decodeSessionToken({ token, secret, salt })).toMatchObject(claims);
    vi.useFakeTimers({ now: Date.now() + 120_000, toFake: ["Date"] });
    await expect(decodeSessionToken({ token, secret, salt })).rejects.toThrow();
    expect(await readSessionToken((name) => (name === salt ? token : undefined), secret)).toBeNull();
  });

  it("refuses a kept token under another secret or salt, and an altered one", async () => {
    const token = await encode({ token: claims, secret, salt, maxAge: 3600 });
    expect(await decodeSessionToken({ token, secret, salt })).toMatchObject(claims);
    await expect(decodeSessionToken({ token, secret: `${secret} rotated`, salt })).rejects.toThrow();
    await expect(decodeSessionToken({ token, secret, salt: "__Secure-authjs.session-token" })).rejects.toThrow();
    const altered = `${token.slice(0, -4)}${token.slice(-4) === "AAAA" ? "BBBB" : "AAAA"}`;
    await expect(decodeSessionToken({ token: altered, secret, salt })).rejects.toThrow();
    expect(await decodeSessionToken({ token: undefined, secret, salt })).toBeNull();
  });

  it("reads whichever cookie name carries a token, with that name", async () => {
    const secure = "__Secure-authjs.session-token";
    const token = await encode({ token: claims, secret, salt: secure, maxAge: 3600 });
    expect(await readSessionToken((name) => (name === secure ? token : undefined), secret)).toMatchObject({ name: secure, token: claims });
    expect(await readSessionToken(() => undefined, secret)).toBeNull();
    expect(await readSessionToken(() => "not a token", secret)).toBeNull();
  });
});
