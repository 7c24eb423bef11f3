/* eslint-disable no-undef, @typescript-eslint/no-require-imports -- a CommonJS entry for esbuild: dist/docx.js */
module.exports = require('docx');
