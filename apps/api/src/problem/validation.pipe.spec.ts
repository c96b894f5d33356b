import { BadRequestException } from '@nestjs/common';
import { RegisterMainResponsibleDto } from '../organizations/dto/authority.dto.js';
import { createValidationPipe, illFormedText } from './validation.pipe.js';

const body = { metatype: RegisterMainResponsibleDto, type: 'body' as const };
const valid = { subject: 'sub-1', name: 'Maria Lind', email: 'maria.lind@example.se' };

async function refusal(value: unknown) {
  const error = await createValidationPipe().transform(value, body).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(BadRequestException);
  return (error as BadRequestException).getResponse() as { code: string; errors: Array<{ field: string; reason: string }> };
}

describe('the validation pipe', () => {
  it('R-SEC-3 refuses text that is not well-formed Unicode with 400 naming the field (an e-mail validator threw on it: a 500)', async () => {
    expect(await refusal({ ...valid, email: '\ud800' })).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'email', reason: 'email must be well-formed Unicode text' }] });
    expect((await refusal({ ...valid, name: 'Ma\udc00ria' })).errors.map((e) => e.field)).toEqual(['name']);
  });

  it('accepts well-formed text, astral characters included, and still validates as before', async () => {
    await expect(createValidationPipe().transform({ ...valid, name: 'Maria 🙂 Lind' }, body)).resolves.toBeInstanceOf(RegisterMainResponsibleDto);
    expect((await refusal({ ...valid, email: 'not-an-address' })).errors).toEqual([{ field: 'email', reason: 'email must be an e-mail address' }]);
  });

  it('finds lone surrogates anywhere: nested, in arrays, in field names, high or low', () => {
    expect(illFormedText({ a: { b: ['ok', 'x\ud83d'] } })).toEqual([{ field: 'a.b.1', reason: 'a.b.1 must be well-formed Unicode text' }]);
    expect(illFormedText({ ['k\udfff']: 1 })).toEqual([{ field: 'value', reason: 'a field name must be well-formed Unicode text' }]);
    expect(illFormedText({ a: '\ud83d\ude42', b: 3, c: null })).toEqual([]);
  });
});
