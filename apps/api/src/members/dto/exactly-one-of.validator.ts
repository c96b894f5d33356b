import { registerDecorator, ValidateIf, type ValidationOptions } from 'class-validator';

/**
 * Of `fields`, exactly one must be present. Put it on each of them: with none present every field
 * reports the missing choice; with several, each present one reports the clash.
 */
export function ExactlyOneOf(fields: readonly string[], options?: ValidationOptions): PropertyDecorator {
  const present = (object: object) => fields.filter((f) => (object as Record<string, unknown>)[f] !== undefined);
  return (target: object, property: string | symbol) => {
    // Validate the field when given, or when nothing was chosen (so the absence is reported).
    ValidateIf((object: object) => (object as Record<string, unknown>)[property as string] !== undefined || present(object).length === 0)(target, property);
    registerDecorator({
      name: 'exactlyOneOf',
      target: target.constructor,
      propertyName: property as string,
      options: { message: `exactly one of ${fields.join(', ')} is required`, ...options },
      validator: { validate: (_value: unknown, args) => present(args!.object).length === 1 },
    });
  };
}
