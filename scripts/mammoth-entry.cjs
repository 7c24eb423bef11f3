/* eslint-disable no-undef, @typescript-eslint/no-require-imports -- a CommonJS entry for esbuild: dist/mammoth.js */
module.exports = require('mammoth');
