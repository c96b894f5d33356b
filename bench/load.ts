// HTTP load with autocannon as a library: the same settings for a route under test and its bare-fastify baseline.
import autocannon from 'autocannon';

export interface LoadSettings {
  connections: number;
  seconds: number;
}

export interface LoadRequest {
  method: 'GET' | 'POST';
  /** The path and body of the i-th request (spread over members so no two connections contend on one stream). */
  next(i: number): { path: string; body?: string };
  headers?: Record<string, string>;
}

export interface LoadFigures {
  /** 2xx answers per second: only those count as work done. */
  okPerSecond: number;
  requests: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  seconds: number;
}

/** Runs `request` against `baseUrl` with `settings`, answering what the server did (not what was sent). */
export async function load(baseUrl: string, request: LoadRequest, settings: LoadSettings): Promise<LoadFigures> {
  let next = 0;
  const result = await autocannon({
    url: baseUrl,
    connections: settings.connections,
    duration: settings.seconds,
    pipelining: 1,
    timeout: 10,
    requests: [
      {
        method: request.method,
        headers: { 'content-type': 'application/json', ...request.headers },
        setupRequest: (req) => ({ ...req, ...request.next(next++) }),
      },
    ],
  });
  const ok = result['2xx'];
  return {
    okPerSecond: ok / result.duration,
    requests: result.requests.total,
    ok,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
    seconds: result.duration,
  };
}
