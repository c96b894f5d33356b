import type { Event } from './event.js';

/** Events of the `catalog` stream: the services and packages organizations can subscribe to and grant. */
export type CatalogEvent =
  | Event<'ServiceRegistered', { key: string; name: string }>
  | Event<'PackageDefined', { key: string; name: string; services: string[] }>;

export type CatalogEventType = CatalogEvent['type'];
