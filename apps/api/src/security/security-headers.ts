import helmet from '@fastify/helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/** A JSON API renders nothing: no source is allowed, and no page may frame an answer (OWASP REST Security). */
const API_CSP = {
  defaultSrc: ["'none'"],
  frameAncestors: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'none'"],
};

/** Swagger UI at /docs loads its scripts and styles from this origin and uses an inline <style>; nothing else. */
const DOCS_CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  frameAncestors: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
};

export const isDocsPath = (url: string): boolean => url === '/docs' || url.startsWith('/docs/');

/**
 * Registers @fastify/helmet on every route (call before the Swagger routes are set up): the helmet defaults
 * (HSTS, nosniff, no-referrer, COOP/CORP same-origin, …), frames denied, and a content security policy that
 * allows nothing except on the Swagger UI pages.
 */
export async function registerSecurityHeaders(app: NestFastifyApplication): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRoute', (route) => {
    if (!isDocsPath(route.url)) return;
    const docs = { contentSecurityPolicy: { useDefaults: false, directives: DOCS_CSP } };
    route.config = Object.assign(route.config ?? {}, { helmet: docs });
  });
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: API_CSP },
    frameguard: { action: 'deny' },
  });
}
