export function findLocalPostgres(env?: NodeJS.ProcessEnv): Promise<{ url: string; reason?: undefined } | { url: undefined; reason: string }>;
