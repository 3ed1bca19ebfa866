/**
 * Process entry for the first-start demo load (spawned by lib/server/start.mjs under tsx, beside the
 * server): loads the demo practice when the database is empty, logs progress to stdout, exits 0
 * (also when it had nothing to do) or 1 on failure, with one line on stderr.
 */
import { getEnv } from "@/lib/env";
import { loadDemoIfEmpty } from "./load-demo";

async function main(): Promise<number> {
  const { dataDir } = getEnv();
  try {
    const result = await loadDemoIfEmpty({ dataDir, log: (line) => console.log(line) });
    if (result.status === "skipped" && result.reason !== "the database already has a practice") console.log(`DripAudit: demo practice not loaded (${result.reason}).`);

    return 0;
  } catch (error) {
    console.error(`DripAudit: loading the demo practice failed — ${error instanceof Error ? error.message : String(error)}`);

    return 1;
  }
}

main().then((code) => process.exit(code));
