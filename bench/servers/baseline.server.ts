// Child process: the bare-fastify baselines on 127.0.0.1 — the grant route's path answering its JSON body back
// (what HTTP + JSON cost with no work), and the access check's path answering from one Map lookup. The parent
// sends `keys` (`memberId:service` entries that are allowed) before loading it; `cpu` answers its CPU time so far;
// `stop` ends it.
import Fastify from 'fastify';
import { tell } from '../child.js';

const allowed = new Map<string, boolean>();
const app = Fastify({ logger: false });

app.post('/v1/organizations/:org/members/:member/grants', async (request, reply) => reply.code(201).send(request.body));

app.get('/v1/access-check', async (request) => {
  const query = request.query as { memberId?: string; service?: string };
  const ok = allowed.get(`${query.memberId}:${query.service}`) === true;
  return { allowed: ok, reasons: ok ? [] : ['NO_VALID_GRANT'] };
});

await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
if (!address || typeof address === 'string') throw new Error('the baseline did not listen on a TCP port');

process.on('message', async (message: { type?: string; keys?: string[] }) => {
  if (message?.type === 'keys') {
    for (const key of message.keys ?? []) allowed.set(key, true);
    tell({ type: 'keys-loaded', size: allowed.size });
  }
  if (message?.type === 'cpu') tell({ type: 'cpu', usage: process.cpuUsage() });
  if (message?.type === 'stop') {
    await app.close();
    process.exit(0);
  }
});
tell({ type: 'ready', url: `http://127.0.0.1:${address.port}` });
