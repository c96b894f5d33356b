// Lets `node --import ./scripts/ts-register.mjs scripts/<name>.ts` run the project's TypeScript directly (Node 20 cannot).
import { register } from 'node:module';

register('./ts-hooks.mjs', import.meta.url);
