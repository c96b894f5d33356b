import { IsEmpty } from 'class-validator';

/**
 * The body of a command that takes none: `{}` or absent; any field answers 400 like everywhere else.
 * The global pipe's `forbidUnknownValues` refuses a class without validation metadata, so a placeholder
 * property that must stay empty registers some.
 */
export class EmptyBodyDto {
  @IsEmpty({ message: 'the body takes no fields' })
  private readonly _none?: never;
}
