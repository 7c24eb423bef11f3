/* eslint-disable no-undef, @typescript-eslint/no-require-imports -- a CommonJS entry for esbuild: dist/exceljs.js */
module.exports = require('exceljs');
