import path from "node:path";
import { defineConfig } from "prisma/config";

// The Prisma CLI checks for the native schema engine before every command and tries to download
// it when missing, which fails offline. `generate`, `validate` and `format` never run it (they are
// wasm), so point the check at a stub that explains what to use instead of `prisma migrate …`.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.resolve("prisma/tools/schema-engine-offline.sh");

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
