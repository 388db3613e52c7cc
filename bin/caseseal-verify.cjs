#!/usr/bin/env node
// caseseal-verify launcher: runs the verifier bundle built by `npm run build:cli`
// (out/cli/caseseal-verify.cjs), or says clearly how to build it.
'use strict';
const path = require('node:path');
const fs = require('node:fs');

const built = path.join(__dirname, '..', 'out', 'cli', 'caseseal-verify.cjs');
if (!fs.existsSync(built)) {
  process.stderr.write(
    'caseseal-verify has not been built yet.\n' +
      'In the CaseSeal folder run:  npm ci   (or: npm run build:cli)\n' +
      'then run this command again.\n',
  );
  process.exit(2);
}
const { main } = require(built);
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(
      `caseseal-verify: unexpected error: ${e && e.message ? e.message : String(e)}\n`,
    );
    process.exitCode = 2;
  },
);
