// Derives prisma/postgres/schema.prisma from prisma/schema.prisma (the source of truth):
// only the datasource provider and the generated client's output path change.
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const source = readFileSync(resolve(root, "prisma/schema.prisma"), "utf8");

const derived = source
  .replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"')
  .replace(/output\s*=\s*"\.\.\/lib\/generated\/prisma"/, 'output   = "../../lib/generated/prisma-pg"');

if (!derived.includes('"postgresql"') || !derived.includes("prisma-pg")) {
  console.error("sync-pg-schema: prisma/schema.prisma no longer has the expected provider/output lines");
  process.exit(1);
}

const header =
  "// GENERATED from prisma/schema.prisma by prisma/tools/sync-pg-schema.mjs — do not edit.\n" +
  "// Edit prisma/schema.prisma and run `npm run db:generate`.\n\n";
const target = resolve(root, "prisma/postgres/schema.prisma");
mkdirSync(dirname(target), { recursive: true });
writeFileSync(target, header + derived);
