// What the start-up sweep removes of the uploads a crash left (tests/faults/app-import.test.ts shows it after a real
// SIGKILL): a dead process's temporary upload and a staged upload cut off before its meta.json, never a living
// process's upload in flight, nor a staged upload an admin is still mapping.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let base: string;
beforeAll(() => {
  base = fs.mkdtempSync(path.join(os.tmpdir(), "throughline-faults-uploads-"));
  process.env.THROUGHLINE_DATA_DIR = path.join(base, "data");
});
afterAll(() => {
  delete process.env.THROUGHLINE_DATA_DIR;
  fs.rmSync(base, { recursive: true, force: true });
});

function folder(parent: string, name: string, files: Record<string, string>, ageMs = 0): string {
  const dir = path.join(parent, name);
  fs.mkdirSync(dir, { recursive: true });
  const at = new Date(Date.now() - ageMs);
  for (const [file, text] of Object.entries(files)) {
    fs.writeFileSync(path.join(dir, file), text);
    fs.utimesSync(path.join(dir, file), at, at);
  }
  fs.utimesSync(dir, at, at);
  return name;
}

describe("the start-up sweep of interrupted uploads", () => {
  it("removes a dead process's temporary uploads and keeps living processes' ones", async () => {
    const { sweepInterruptedUploads } = await import("../../server/imports/upload");
    const tmp = path.join(base, "throughline-uploads");
    // A pid no process has (above the kernel's pid_max default).
    folder(tmp, "throughline-upload-4999999-dead01", { upload: "half a file" });
    const ownName = folder(tmp, `throughline-upload-${process.pid}-mine01`, { upload: "in flight" });
    const parentName = folder(tmp, `throughline-upload-${process.ppid}-other1`, { upload: "another app's, in flight" });
    folder(tmp, `throughline-upload-${process.ppid}-stale1`, { upload: "two days old" }, 2 * 24 * 3600 * 1000);
    expect(sweepInterruptedUploads(tmp)).toBe(2);
    expect(fs.readdirSync(tmp).sort()).toEqual([ownName, parentName].sort());
  });

  it("removes a staged upload cut off before its meta.json, older than this process, and keeps whole ones", async () => {
    const { sweepInterruptedStagedUploads } = await import("../../server/imports/staging");
    const staged = path.join(base, "data", "uploads");
    folder(staged, "throughline-upload-cutoff", { upload: "half a file" }, 60_000);
    const whole = folder(staged, "throughline-upload-whole1", { upload: "a file", "meta.json": "{}" }, 60_000);
    const writing = folder(staged, "throughline-upload-write1", { upload: "being written now" });
    expect(sweepInterruptedStagedUploads(Date.now() - 10_000)).toBe(1);
    expect(fs.readdirSync(staged).sort()).toEqual([whole, writing].sort());
  });
});
