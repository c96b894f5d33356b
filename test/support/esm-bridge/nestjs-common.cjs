module.exports = require('./bridge.cjs')('@nestjs/common');
