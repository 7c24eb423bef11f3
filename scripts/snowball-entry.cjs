/* eslint-disable no-undef, @typescript-eslint/no-require-imports -- a CommonJS entry for esbuild: dist/snowball.js */
module.exports = require('snowball-stemmers');
