export * from './tokens.js';
export * from './jwks-server.js';
export * from './test-app.js';
export * from './decider-spec.js';
export * from './scenario.js';
export * from './realistic-history.js';
