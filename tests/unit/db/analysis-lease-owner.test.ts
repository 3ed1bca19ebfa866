import { spawn } from "node:child_process";
import { once } from "node:events";
import { hostname } from "node:os";
import { describe, expect, it } from "vitest";
import { analysisLeaseOwner, isDeadLocalLeaseOwner } from "@/lib/db/analysis/write-analysis-results";

describe("recompute lease owners", () => {
  it("names this host and process, so a restart can tell a dead holder", () => {
    expect(analysisLeaseOwner("run-1")).toBe(`${hostname()}:${process.pid}:run-1`);
    expect(isDeadLocalLeaseOwner(analysisLeaseOwner("run-1"))).toBe(false);
  });

  it("is dead when its process on this host has exited", async () => {
    const child = spawn(process.execPath, ["-e", ""]);
    await once(child, "exit");
    expect(isDeadLocalLeaseOwner(`${hostname()}:${child.pid}:run-2`)).toBe(true);
  });

  it("is never judged dead on another host or when unreadable", () => {
    expect(isDeadLocalLeaseOwner(`another-host:999999:run-3`)).toBe(false);
    expect(isDeadLocalLeaseOwner("not a token")).toBe(false);
  });
});
