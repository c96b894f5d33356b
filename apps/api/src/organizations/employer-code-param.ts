import { BadRequestException, Param, type PipeTransform } from '@nestjs/common';
import { EMPLOYER_CODE_PATTERN, EMPLOYER_CODE_REASON } from './dto/structure.dto.js';

class EmployerCodePipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (EMPLOYER_CODE_PATTERN.test(value)) return value;
    throw new BadRequestException({ code: 'VALIDATION_FAILED', detail: 'The request is not valid.', errors: [{ field: 'code', reason: EMPLOYER_CODE_REASON }] });
  }
}

/** The `:code` path parameter: an employer code of the same form the body accepts, else 400 naming `code`. */
export function EmployerCodeParam(): ParameterDecorator {
  return Param('code', new EmployerCodePipe());
}
