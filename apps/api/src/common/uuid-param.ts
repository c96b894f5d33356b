import { BadRequestException, Param, ParseUUIDPipe } from '@nestjs/common';

/** A path parameter that must be a UUID; anything else answers 400 VALIDATION_FAILED naming the parameter. */
export function UuidParam(name: string): ParameterDecorator {
  return Param(
    name,
    new ParseUUIDPipe({
      exceptionFactory: () =>
        new BadRequestException({ code: 'VALIDATION_FAILED', detail: 'The request is not valid.', errors: [{ field: name, reason: `${name} must be a UUID` }] }),
    }),
  );
}
