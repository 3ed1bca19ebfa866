/**
 * Concurrent traffic for the load benchmark (tests/bench/load.ts): one autocannon instance per
 * route class, all running at once against the same app, each connection cycling through its
 * class's URLs and the signed-in people's session cookies. Every completed response is kept (its
 * class, status, latency and end time), so percentiles are exact and a time window (the import and
 * its recompute) can be cut out of a phase afterwards.
 */
import autocannon from "autocannon";

export type TRouteClass = {
  name: string;
  /** Users of this class, each with a connection of its own (absent `rate`). */
  connections: number;
  /**
   * Requests per second the class's users send in all (their think time), or absent: each sends
   * its next request as soon as the last one answered. Sent as `rate` connections of 1 request/s.
   */
  rate?: number;
  paths: readonly string[];
  /** Cookie header values of the people making these requests (cycled). */
  cookies: readonly string[];
  /**
   * Whether a 200 body is whole: a page whose server component failed after streaming began still
   * answers 200 (the error reaches the browser as a `data-dgst` boundary), so status alone is not enough.
   */
  isWhole: (body: string) => boolean;
};

/** One request: its HTTP status (0 = timed out, latency then the timeout), latency and end time (performance.now()). */
export type TSample = { route: string; status: number; latencyMs: number; endMs: number };

export type TPhase = {
  samples: TSample[];
  /** Per route class: connection errors (timeouts included), timeouts and broken bodies, from autocannon. */
  failures: Map<string, { errors: number; timeouts: number; broken: number }>;
  seconds: number;
};

/** Seconds a request may take before autocannon counts it as a timeout (an error). */
export const REQUEST_TIMEOUT_S = 10;

type TAutocannonOutcome = { error: Error | null; result: autocannon.Result };

/** Seeded uniform numbers in [0, 1) (mulberry32): the users' phases are the same in every run. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Runs every route class concurrently for `seconds`, or, when `until` is given, from now until it
 * settles (and at least `seconds`).
 *
 * A class with a `rate` runs as `rate` autocannon instances of one connection sending one request
 * per second each, started at seeded random moments within the first second. autocannon's rate
 * limit releases a connection's requests when its one-second tick restarts, and connections
 * created together share the tick: one instance with all of a class's rate would send every
 * request of every second in the same millisecond, a burst no set of people reading pages makes.
 */
export async function runTraffic(baseUrl: string, host: string, routes: readonly TRouteClass[], seconds: number, until?: Promise<unknown>): Promise<TPhase> {
  const samples: TSample[] = [];
  const failures = new Map<string, { errors: number; timeouts: number; broken: number }>();
  const started = performance.now();
  const phase = seededRandom(7);
  let stopped = false;
  const running: autocannon.Instance[] = [];
  const start = (route: TRouteClass, nextIndex: () => number, connections: number, rate: number | undefined, delayMs: number): Promise<TAutocannonOutcome | null> =>
    new Promise((resolve) => {
      setTimeout(() => {
        if (stopped) return resolve(null);
        const instance = autocannon({
          url: baseUrl,
          connections,
          ...(rate ? { connectionRate: rate } : {}),
          pipelining: 1,
          timeout: REQUEST_TIMEOUT_S,
          // Open-ended while waiting for `until`; stopped below.
          duration: until ? 24 * 3600 : seconds,
          headers: { host },
          verifyBody: (body) => route.isWhole(String(body ?? "")),
          requests: [
            {
              setupRequest: (request) => {
                const index = nextIndex();
                const path = route.paths[index % route.paths.length]!;
                const cookie = route.cookies[Math.floor(index / route.paths.length) % route.cookies.length]!;
                return { ...request, path, headers: { ...request.headers, host, cookie } };
              },
            },
          ],
        }, (error, result) => resolve({ error, result }));
        instance.on("response", (_client, status, _bytes, latencyMs) => samples.push({ route: route.name, status, latencyMs, endMs: performance.now() }));
        // A timed-out request took at least the timeout: it stays in the percentiles and the window's maximum (status 0).
        instance.on("reqError", (error) => {
          if (error.message === "request timed out") samples.push({ route: route.name, status: 0, latencyMs: REQUEST_TIMEOUT_S * 1000, endMs: performance.now() });
        });
        running.push(instance);
      }, delayMs);
    });
  const runs = routes.map((route) => {
    let next = 0;
    const nextIndex = () => next++;
    const outcomes = route.rate
      ? Array.from({ length: route.rate }, () => start(route, nextIndex, 1, 1, Math.floor(phase() * 1000)))
      : [start(route, nextIndex, route.connections, undefined, 0)];
    return { route, outcomes };
  });
  if (until) {
    await Promise.all([until.catch(() => undefined), new Promise((resolve) => setTimeout(resolve, seconds * 1000))]);
    stopped = true;
    for (const instance of running) instance.stop();
  }
  for (const { route, outcomes } of runs) {
    const total = { errors: 0, timeouts: 0, broken: 0 };
    for (const outcome of await Promise.all(outcomes)) {
      if (!outcome) continue;
      if (outcome.error) throw outcome.error;
      total.errors += outcome.result.errors;
      total.timeouts += outcome.result.timeouts;
      total.broken += outcome.result.mismatches;
    }
    failures.set(route.name, total);
  }

  return { samples, failures, seconds: (performance.now() - started) / 1000 };
}

/** Nearest-rank percentile of ascending-sorted values. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;

  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Latency percentiles count timed-out requests at the timeout (a lower bound); rps counts answers only. */
export type TRouteStats = { requests: number; rps: number; p50: number; p95: number; p99: number; max: number; non2xx: number; broken: number; errors: number; timeouts: number };

export function routeStats(phase: TPhase, route: string): TRouteStats {
  const samples = phase.samples.filter((sample) => sample.route === route);
  const sorted = samples.map((sample) => sample.latencyMs).sort((a, b) => a - b);
  const failures = phase.failures.get(route) ?? { errors: 0, timeouts: 0, broken: 0 };

  return {
    requests: samples.length,
    rps: samples.filter((sample) => sample.status !== 0).length / phase.seconds,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? Number.NaN,
    non2xx: samples.filter((sample) => sample.status !== 0 && (sample.status < 200 || sample.status > 299)).length,
    broken: failures.broken,
    errors: failures.errors,
    timeouts: failures.timeouts,
  };
}

/** Responses whose request was in flight at some moment of [fromMs, toMs] (performance.now() times). */
export function samplesOverlapping(phase: TPhase, fromMs: number, toMs: number): TSample[] {
  return phase.samples.filter((sample) => sample.endMs >= fromMs && sample.endMs - sample.latencyMs <= toMs);
}
