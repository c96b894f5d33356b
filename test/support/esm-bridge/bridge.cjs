// Jest on Node 20 cannot require() an ES module, and @nestjs/throttler is CommonJS that requires the ESM-only
// @nestjs/common and @nestjs/core (plain Node ≥ 20.19 can). resolver.cjs sends those require() calls to the
// files next to this one, which hand out the very module instances the tests import (setup.js loaded them first),
// so classes such as Reflector are one and the same, as they are at run time.
const KEY = Symbol.for('behorighet.jest.esm-bridge');

module.exports = function bridged(name) {
  const namespace = globalThis[KEY]?.[name];
  if (!namespace) throw new Error(`${name} was required before test/support/esm-bridge/setup.js loaded it`);
  return namespace;
};
module.exports.KEY = KEY;
