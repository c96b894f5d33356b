// See bridge.cjs: require() (not import) of these ESM-only packages resolves to a bridge file.
const { join } = require('node:path');

const BRIDGED = { '@nestjs/common': 'nestjs-common.cjs', '@nestjs/core': 'nestjs-core.cjs' };

module.exports = (request, options) => {
  const bridge = BRIDGED[request];
  if (bridge && !options.conditions?.includes('import')) return join(__dirname, bridge);
  return options.defaultResolver(request, options);
};
