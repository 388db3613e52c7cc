#!/usr/bin/env node
// Installs the SQLCipher witness (@journeyapps/sqlcipher) into tools/sqlcipher-witness from its own
// lockfile, so the tests can prove every vault CaseSeal writes is standard SQLCipher 4. It lives
// apart from the app: it declares os darwin/linux (it would stop `npm ci` on Windows) and must never
// be packaged. Its native build needs Node's headers; when Node came from the npm registry's `node`
// package they sit beside the binary, and node-gyp cannot download them on a closed network.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const toolDir = path.join(root, 'tools', 'sqlcipher-witness');
const binding = path.join(toolDir, 'node_modules', '@journeyapps', 'sqlcipher');

export function witnessInstalled() {
  if (!fs.existsSync(path.join(binding, 'package.json'))) return false;
  const probe = spawnSync(process.execPath, ['-e', `require(${JSON.stringify(binding)})`], {
    stdio: 'ignore',
  });
  return probe.status === 0;
}

/** The folder holding include/node/node.h for the running Node, when node-gyp would otherwise download it. */
function nodeHeadersDir() {
  if (process.env.npm_config_nodedir) return process.env.npm_config_nodedir;
  const candidate = path.resolve(path.dirname(process.execPath), '..');
  return fs.existsSync(path.join(candidate, 'include', 'node', 'node.h')) ? candidate : undefined;
}

if (process.platform === 'win32') {
  console.log(
    '[witness] @journeyapps/sqlcipher does not support Windows; interop tests are skipped there',
  );
  process.exit(0);
}
if (witnessInstalled()) {
  console.log('[witness] @journeyapps/sqlcipher is installed');
  process.exit(0);
}
const nodedir = nodeHeadersDir();
console.log(
  `[witness] installing @journeyapps/sqlcipher into tools/sqlcipher-witness (native build, about 2 minutes)`,
);
const install = spawnSync('npm', ['ci', '--prefix', toolDir, '--no-audit', '--no-fund'], {
  cwd: root,
  stdio: 'inherit',
  env: nodedir ? { ...process.env, npm_config_nodedir: nodedir } : process.env,
});
if (install.status !== 0 || !witnessInstalled()) {
  console.error('[witness] FAILED to install @journeyapps/sqlcipher into tools/sqlcipher-witness');
  process.exit(1);
}
console.log('[witness] installed');
