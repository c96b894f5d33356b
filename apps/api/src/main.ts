import { Logger } from '@nestjs/common';
import { createApp } from './app.factory.js';
import { loadAppConfig } from './config/app-config.js';

async function main(): Promise<void> {
  const config = loadAppConfig();
  const app = await createApp(config);
  await app.listen({ port: config.port, host: config.host });
  new Logger('Behörighet').log(`listening on http://localhost:${config.port} — API docs at /docs, data in ${config.dataDir}`);
}

main().catch((error: unknown) => {
  // Start-up failures (a damaged event log, bad configuration) are explained, not dumped.
  console.error(`Behörighet could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
