module.exports = require('./bridge.cjs')('@nestjs/core');
