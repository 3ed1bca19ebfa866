import { spawn } from "node:child_process";
import os from "node:os";
import { expect, test } from "vitest";
import { BACKGROUND_NICENESS, runInBackground } from "@/lib/server/background-priority.mjs";

test("a background child runs at the background niceness; an exited one is no error", async () => {
  const child = spawn(process.execPath, ["-e", "setTimeout(() => {}, 5000)"], { stdio: "ignore" });
  try {
    runInBackground(child);
    expect(os.getPriority(child.pid!)).toBe(BACKGROUND_NICENESS);
  } finally {
    child.kill();
  }
  await new Promise((resolve) => child.once("exit", resolve));
  expect(() => runInBackground(child)).not.toThrow();
});
