import type { DatabaseTarget } from "../../lib/db/database-target";

export class MigrateError extends Error {}
export const LAYOUT: Record<DatabaseTarget["provider"], { schema: string; migrations: string }>;
export function migrateDeploy(target: DatabaseTarget): Promise<{ applied: string[] }>;
export function migrationStatus(target: DatabaseTarget): Promise<{
  all: string[];
  pending: string[];
  failed: string[];
  edited: string[];
  diagnostic: string | null;
}>;
export function createMigrations(
  providers: DatabaseTarget["provider"][],
  options: { name: string; draft?: boolean; pgUrl?: string },
): Promise<{ directoryName: string; written: string[]; unchanged: string[] }>;
export function resetDatabase(target: DatabaseTarget): Promise<void>;
export function dropPostgresSchema(target: DatabaseTarget): Promise<void>;
