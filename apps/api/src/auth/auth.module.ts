import { DynamicModule, Logger, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AUTH_CONFIG, AuthConfig } from './auth.config.js';
import { AuthGuard } from './auth.guard.js';
import { JwksOptions, JwtVerifier } from './jwt-verifier.js';

/**
 * Authentication for the whole API: registers {@link AuthGuard} globally and exports {@link JwtVerifier}.
 * Wire it with `AuthModule.forRoot(loadAuthConfig(process.env, { defaultDevSecret: DEV_DEFAULT_SECRET }))`.
 */
@Module({})
export class AuthModule {
  static forRoot(config: AuthConfig, jwksOptions: JwksOptions = {}): DynamicModule {
    announce(config);
    return {
      module: AuthModule,
      providers: [
        { provide: AUTH_CONFIG, useValue: config },
        { provide: JwtVerifier, useFactory: (c: AuthConfig) => new JwtVerifier(c, jwksOptions), inject: [AUTH_CONFIG] },
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
      exports: [AUTH_CONFIG, JwtVerifier],
    };
  }
}

function announce(config: AuthConfig): void {
  const logger = new Logger('Auth');
  if (config.jwksUrl) logger.log(`bearer tokens verified against ${config.jwksUrl.href} (${config.algorithms.join(', ')})`);
  if (config.devSecretSource === 'default') {
    logger.warn('AUTH_DEV_SECRET is not set: accepting HS256 tokens signed with the public local default. Never expose this server.');
  } else if (config.devSecretSource === 'env') {
    logger.warn('AUTH_DEV_SECRET is set: HS256 tokens signed with it are accepted. Meant for local runs and tests only.');
  }
}
