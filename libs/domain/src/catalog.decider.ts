import type { CatalogEvent } from './catalog.events.js';
import { DomainError, ensure } from './errors.js';
import { byOf, isOperator, meta, type DecisionContext } from './event.js';

export type CatalogCommand =
  | { type: 'RegisterService'; key: string; name: string }
  | { type: 'DefinePackage'; key: string; name: string; services: string[] };

export interface CatalogState {
  services: Record<string, { key: string; name: string; registeredAt: string }>;
  packages: Record<string, { key: string; name: string; services: string[]; definedAt: string }>;
}

export function initialCatalog(): CatalogState {
  return { services: {}, packages: {} };
}

export function evolveCatalog(state: CatalogState, event: CatalogEvent): CatalogState {
  switch (event.type) {
    case 'ServiceRegistered': {
      const { key, name, occurredAt } = event.data;
      return { ...state, services: { ...state.services, [key]: { key, name, registeredAt: occurredAt } } };
    }
    case 'PackageDefined': {
      const { key, name, services, occurredAt } = event.data;
      return { ...state, packages: { ...state.packages, [key]: { key, name, services: [...services], definedAt: occurredAt } } };
    }
    default:
      return state;
  }
}

/** Only the platform operator edits the catalog. */
export function decideCatalog(command: CatalogCommand, state: CatalogState, context: DecisionContext): CatalogEvent[] {
  ensure(isOperator(context.actor), 'OPERATOR_ONLY', 'only the platform operator edits the catalog');
  const by = byOf(context.actor);
  ensure(command.key.trim() !== '' && command.name.trim() !== '', 'INVALID_INPUT', 'key and name are required');
  switch (command.type) {
    case 'RegisterService':
      ensure(!state.services[command.key], 'ALREADY_EXISTS', `service ${command.key} already exists`);
      return [{ type: 'ServiceRegistered', data: { key: command.key, name: command.name, ...meta(by, context.now) } }];
    case 'DefinePackage': {
      ensure(!state.packages[command.key], 'ALREADY_EXISTS', `package ${command.key} already exists`);
      ensure(command.services.length > 0, 'INVALID_INPUT', 'a package names at least one service');
      const unknown = command.services.filter((s) => !state.services[s]);
      if (unknown.length) throw new DomainError('UNKNOWN_SERVICE', `unknown services: ${unknown.join(', ')}`, { services: unknown });
      const services = [...new Set(command.services)];
      return [{ type: 'PackageDefined', data: { key: command.key, name: command.name, services, ...meta(by, context.now) } }];
    }
    default: {
      const unhandled: never = command;
      throw new Error(`unhandled catalog command ${JSON.stringify(unhandled)}`);
    }
  }
}

/** The services a package opens, or undefined when the catalog does not know it. */
export function packageServices(catalog: CatalogState, key: string): string[] | undefined {
  return catalog.packages[key]?.services;
}
