export * from './tokens.js';
export * from './jwks-server.js';
