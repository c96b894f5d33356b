import { BadRequestException, ValidationError, ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import type { FieldError } from './problem.js';

/**
 * The global validation: unknown fields refused (mass assignment), payloads turned into DTO instances,
 * every failure reported as `{ field, reason }` with the dotted path of the field. Text that is not
 * well-formed Unicode (a lone surrogate, `"\ud800"`) is refused before any validator sees it: some
 * validators throw on it (validator.js's isEmail calls encodeURI), and the log keeps only real text.
 */
export function createValidationPipe(): ValidationPipe {
  return new WellFormedValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    stopAtFirstError: false,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => invalid(flatten(errors)),
  });
}

class WellFormedValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const errors = illFormedText(value, metadata.type === 'param' && metadata.data ? metadata.data : '');
    if (errors.length > 0) throw invalid(errors);
    return super.transform(value, metadata);
  }
}

function invalid(errors: FieldError[]): BadRequestException {
  return new BadRequestException({ code: 'VALIDATION_FAILED', detail: 'The request is not valid.', errors });
}

/** The fields (dotted paths) holding strings that are not well-formed UTF-16, keys included. */
export function illFormedText(value: unknown, path = ''): FieldError[] {
  if (typeof value === 'string') return isWellFormed(value) ? [] : [{ field: path || 'value', reason: `${path || 'value'} must be well-formed Unicode text` }];
  if (value === null || typeof value !== 'object') return [];
  const entries: Array<[string, unknown]> = Array.isArray(value) ? value.map((item, index) => [String(index), item]) : Object.entries(value);
  return entries.flatMap(([key, item]) => {
    const field = path ? `${path}.${key}` : key;
    if (!isWellFormed(key)) return [{ field: path || 'value', reason: 'a field name must be well-formed Unicode text' }];
    return illFormedText(item, field);
  });
}

/** A lone surrogate: a high one not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function isWellFormed(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

export function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((reason) => ({ field, reason }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}
