import { PassThrough } from "node:stream";
import { describe, expect, test } from "vitest";
import type { CliCommand, CliIo } from "@/lib/cli/cli-command";
import { CliUsageError } from "@/lib/cli/cli-command";
import { runCli } from "@/lib/cli/run-cli";

function io(): { io: CliIo; out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let o = "";
  let e = "";
  stdout.on("data", (d) => (o += String(d)));
  stderr.on("data", (d) => (e += String(d)));
  return { io: { stdout, stderr, env: {} }, out: () => o, err: () => e };
}

const echo: CliCommand = {
  name: "echo",
  summary: "prints its arguments",
  help: "Usage: echo <words…>",
  async run(args, { stdout }) {
    if (args[0] === "--bad") throw new CliUsageError("bad input");
    if (args[0] === "--crash") throw new Error("boom");
    stdout.write(args.join(" "));
    return 0;
  },
};

describe("runCli (in process, registry dispatch)", () => {
  test("dispatches to the named command", async () => {
    const t = io();
    expect(await runCli(["echo", "a", "b"], t.io, [echo])).toBe(0);
    expect(t.out()).toBe("a b");
  });

  test("usage errors → exit 1 with a one-line message prefixed by the command", async () => {
    const t = io();
    expect(await runCli(["echo", "--bad"], t.io, [echo])).toBe(1);
    expect(t.err()).toBe("echo: bad input\n");
    expect(t.out()).toBe("");
  });

  test("unexpected errors → exit 2", async () => {
    const t = io();
    expect(await runCli(["echo", "--crash"], t.io, [echo])).toBe(2);
    expect(t.err()).toMatch(/unexpected error: .*boom/);
  });

  test("help lists the registry; `help <command>` shows its help; no command → usage on stderr, exit 1", async () => {
    const a = io();
    expect(await runCli(["--help"], a.io, [echo])).toBe(0);
    expect(a.out()).toMatch(/echo\s+prints its arguments/);
    const b = io();
    expect(await runCli(["help", "echo"], b.io, [echo])).toBe(0);
    expect(b.out()).toBe("Usage: echo <words…>\n");
    const c = io();
    expect(await runCli([], c.io, [echo])).toBe(1);
    expect(c.err()).toMatch(/Usage:/);
  });

  test("unknown command → exit 1", async () => {
    const t = io();
    expect(await runCli(["nope"], t.io, [echo])).toBe(1);
    expect(t.err()).toMatch(/unknown command "nope"; commands: echo/);
  });
});
