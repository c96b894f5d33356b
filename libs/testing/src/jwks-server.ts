import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { JWK } from 'jose';

/** A JWKS endpoint on 127.0.0.1 for tests of the identity-provider path, with key rotation and outage switches. */
export interface JwksServer {
  /** The key set URL to put in AUTH_JWKS_URL. */
  url: URL;
  /** Replaces the published public keys (a rotation). */
  publish(keys: JWK[]): void;
  /** While true the endpoint answers 503, as an identity provider outage would. */
  failing: boolean;
  /** How many times the key set has been fetched. */
  readonly fetches: number;
  close(): Promise<void>;
}

/** Starts a {@link JwksServer} on an ephemeral port. */
export async function startJwksServer(initialKeys: JWK[] = []): Promise<JwksServer> {
  let keys = initialKeys;
  let fetches = 0;
  const state = { failing: false };
  const server = createServer((request, response) => {
    if (request.url !== '/.well-known/jwks.json') {
      response.writeHead(404).end();
      return;
    }
    fetches += 1;
    if (state.failing) {
      response.writeHead(503).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/jwk-set+json' }).end(JSON.stringify({ keys }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: new URL(`http://127.0.0.1:${port}/.well-known/jwks.json`),
    publish: (next) => {
      keys = next;
    },
    get failing() {
      return state.failing;
    },
    set failing(value: boolean) {
      state.failing = value;
    },
    get fetches() {
      return fetches;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
