import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC_KEY = 'behorighet:public';

/** Marks a controller or handler as reachable without a bearer token (health, docs). */
export const Public = (): ClassDecorator & MethodDecorator => SetMetadata(IS_PUBLIC_KEY, true);
