// `npm run build:cli` (also run by `prepare` on `npm ci`): bundles the standalone verifier
// src/cli/verify.ts with esbuild into out/cli/caseseal-verify.cjs — plain Node, CommonJS, no
// Electron — which bin/caseseal-verify.cjs launches.
import { build } from 'esbuild';
import { chmodSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outfile = path.join(root, 'out', 'cli', 'caseseal-verify.cjs');
mkdirSync(path.dirname(outfile), { recursive: true });

await build({
  entryPoints: [path.join(root, 'src', 'cli', 'verify.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node24',
  format: 'cjs',
  banner: { js: '#!/usr/bin/env node' },
  legalComments: 'none',
  logLevel: 'warning',
  // The verifier needs no Electron and no native module; everything else is bundled.
  external: ['electron'],
});
chmodSync(outfile, 0o755);
console.log(`built ${path.relative(root, outfile)}`);
