// Finds a PostgreSQL server for tests and for `create-both` (which needs one for the PostgreSQL
// migration): PG_TEST_URL if set, else the local server at 127.0.0.1:5432, database `test`,
// trying the users `postgres` and `root` (trust auth on the project's machines).
import pg from "pg";

const DEFAULT_CANDIDATES = ["postgresql://postgres@127.0.0.1:5432/test", "postgresql://root@127.0.0.1:5432/test"];

async function tryConnect(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  client.on("error", () => {});
  try {
    await client.connect();
    await client.query("SELECT 1");

    return null;
  } catch (error) {
    return String(error?.code ?? error?.message ?? error);
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * @returns {Promise<{ url: string } | { url: undefined, reason: string }>}
 */
export async function findLocalPostgres(env = process.env) {
  const candidates = env.PG_TEST_URL ? [env.PG_TEST_URL] : DEFAULT_CANDIDATES;
  const failures = [];
  for (const url of candidates) {
    const failure = await tryConnect(url);
    if (!failure) return { url };
    failures.push(`${url.replace(/:[^:@/]*@/, ":***@")} (${failure})`);
  }

  return { url: undefined, reason: `no PostgreSQL server accepted a connection at ${failures.join(", ")}` };
}
