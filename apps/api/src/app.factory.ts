import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule, AppModuleOptions } from './app.module.js';
import type { AppConfig } from './config/app-config.js';
import { createValidationPipe } from './problem/validation.pipe.js';
import { problemClientErrorHandler, problemFrameworkErrors } from './security/client-error.js';
import { registerJsonDepthLimit } from './security/json-depth.js';
import { registerSecurityHeaders } from './security/security-headers.js';
import { openEventStore } from './write-model/open-event-store.js';

/** Builds the HTTP application; `main.ts` listens with it and the tests drive it in-process. */
export async function createApp(
  config: AppConfig,
  options: Partial<AppModuleOptions> & { logger?: boolean } = {},
): Promise<NestFastifyApplication> {
  const eventStore = options.eventStore ?? (await openEventStore(config));
  const adapter = new FastifyAdapter({
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    clientErrorHandler: problemClientErrorHandler,
    frameworkErrors: problemFrameworkErrors,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, { ...options, eventStore }), adapter, {
    logger: options.logger === false ? false : ['fatal', 'error', 'warn', 'log'],
    bufferLogs: false,
    // Start-up failures (a damaged event log, bad configuration) reach main.ts, which explains them without a stack.
    abortOnError: false,
  });
  app.useGlobalPipes(createValidationPipe());
  if (config.corsOrigins.length > 0) app.enableCors({ origin: config.corsOrigins });
  app.enableShutdownHooks();
  await registerSecurityHeaders(app);
  registerJsonDepthLimit(app);

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Behörighet')
      .setDescription('Permissions for self-service portals: who administers, who may use what, for how long, approved by whom — and who had access when.')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}
