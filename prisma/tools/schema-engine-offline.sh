#!/bin/sh
# Stand-in for Prisma's native schema engine, which cannot be downloaded offline (see prisma.config.ts).
# The CLI drops the first stderr line and parses the rest as JSON log lines.
printf '%s\n%s' 'schema-engine-offline' '{"level":"ERROR","target":"schema_engine::logger","fields":{"error_code":"OFFLINE","message":"The native Prisma schema engine is not available offline. Use npm run db:migrate (apply) or npm run db:migration:new -- <name> (create); see README.md."}}' >&2
exit 1
