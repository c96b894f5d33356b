import type { JsonSchema } from './openapi.js';

/** Values for fields the schema does not exemplify, by format. */
export interface ExemplarHints {
  uuid: string;
}

/** A plausible body for `schema`: its required fields with their examples (or a value of their format or enum). */
export function exemplarBody(schema: JsonSchema | undefined, hints: ExemplarHints): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const name of schema?.required ?? []) body[name] = exemplarValue(schema!.properties?.[name] ?? {}, hints);
  return body;
}

export function exemplarValue(schema: JsonSchema, hints: ExemplarHints): unknown {
  if (schema.example !== undefined) return schema.example;
  if (schema.enum?.length) return schema.enum[0];
  if (schema.format === 'uuid') return hints.uuid;
  if (schema.format === 'date-time') return '2030-01-01T00:00:00Z';
  if (schema.format === 'email') return 'someone@example.se';
  switch (schema.type) {
    case 'array': return [exemplarValue(schema.items ?? { type: 'string' }, hints)];
    case 'object': return exemplarBody(schema, hints);
    case 'number': case 'integer': return 1;
    case 'boolean': return false;
    default: return 'x';
  }
}
