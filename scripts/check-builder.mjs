#!/usr/bin/env node
// Checks electron-builder.yml offline: (a) electron-builder's own schema validation plus CaseSeal's
// packaging policy, (b) a Linux `dir` smoke pack with a stub Electron, then inspects the result.
//
// Usage: node scripts/check-builder.mjs [--schema-only] [--config <file>] [--project <dir>]
//   --schema-only   only step (a)
//   --config <file> validate this file instead of <project>/electron-builder.yml (step (a) only)
//   --project <dir> project to check (default: this repository); it needs out/ from `npm run build`
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(repoRoot, 'package.json'));

const { values: args } = parseArgs({
  options: {
    'schema-only': { type: 'boolean', default: false },
    config: { type: 'string' },
    project: { type: 'string' },
  },
});
const projectDir = path.resolve(args.project ?? repoRoot);

class CheckFailed extends Error {}
const fail = (message) => {
  throw new CheckFailed(message);
};
const log = (message) => console.log(`[check-builder] ${message}`);

// ------------------------------------------------------------------------------------------------
// (a) Configuration: the same loader and validator electron-builder runs before packaging
//     (app-builder-lib Packager.validateConfig -> getConfig + validateConfiguration, which checks
//     the config against app-builder-lib/scheme.json with ajv), then CaseSeal's own policy.
// ------------------------------------------------------------------------------------------------
async function loadAndValidateConfig() {
  const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config');
  const { version } = require('app-builder-lib/package.json');
  const configPath = args.config ? path.resolve(args.config) : null;
  const shownPath = configPath ?? path.join(projectDir, 'electron-builder.yml');
  if (!fs.existsSync(shownPath)) fail(`configuration file not found: ${shownPath}`);

  let config;
  try {
    config = await getConfig(projectDir, configPath, null);
  } catch (error) {
    fail(`cannot load ${shownPath}: ${error.message}`);
  }
  try {
    await validateConfiguration(config, { isEnabled: false, add() {} });
  } catch (error) {
    fail(`${shownPath} does not pass electron-builder ${version}'s schema:\n${error.message}`);
  }
  log(`schema: ${shownPath} is valid for electron-builder ${version}`);
  checkPolicy(config, shownPath);
  log('policy: installers, asarUnpack, npmRebuild and fuses are as CaseSeal requires');
  return config;
}

/** Target names of a platform section (string, string[], or {target} objects). */
function targetNames(section) {
  const raw = section?.target;
  const list = raw == null ? [] : Array.isArray(raw) ? raw : [raw];
  return list.map((t) => (typeof t === 'string' ? t : t.target).toLowerCase());
}

const REQUIRED_FUSES = {
  runAsNode: false,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  onlyLoadAppFromAsar: true,
  enableEmbeddedAsarIntegrityValidation: true,
  enableCookieEncryption: true,
};
const SQLCIPHER_UNPACK = '**/node_modules/@journeyapps/sqlcipher/**/*.node';

/** Issue 2's packaging requirements, so a schema-valid edit cannot silently drop one. */
function checkPolicy(config, shownPath) {
  const problems = [];
  const expect = (ok, message) => ok || problems.push(message);
  expect(config.appId === 'uk.caseseal.app', 'appId must be uk.caseseal.app');
  expect(config.productName === 'CaseSeal', 'productName must be CaseSeal');
  expect(config.directories?.output === 'release', 'directories.output must be release');
  expect(config.asar !== false, 'asar must stay enabled');
  expect(config.npmRebuild === false, 'npmRebuild must be false (toolchain.md)');
  const unpack = [config.asarUnpack ?? []].flat();
  expect(unpack.includes(SQLCIPHER_UNPACK), `asarUnpack must include ${SQLCIPHER_UNPACK}`);
  const win = targetNames(config.win);
  expect(win.includes('nsis'), 'win.target must include nsis');
  expect(win.includes('msi'), 'win.target must include msi (school IT deployment)');
  expect(config.nsis?.perMachine === true, 'nsis.perMachine must be true');
  expect(config.nsis?.oneClick === false, 'nsis.oneClick must be false');
  expect(config.nsis?.deleteAppDataOnUninstall !== true, 'uninstall must never delete the vault');
  expect(config.msi?.perMachine === true, 'msi.perMachine must be true');
  expect(targetNames(config.mac).includes('dmg'), 'mac.target must include dmg');
  expect(config.mac?.hardenedRuntime === true, 'mac.hardenedRuntime must be true');
  expect(typeof config.mac?.category === 'string', 'mac.category must be set');
  const linux = targetNames(config.linux);
  expect(linux.includes('appimage'), 'linux.target must include AppImage');
  expect(linux.includes('deb'), 'linux.target must include deb');
  expect(config.linux?.category === 'Office', 'linux.category must be Office');
  for (const [fuse, value] of Object.entries(REQUIRED_FUSES)) {
    expect(config.electronFuses?.[fuse] === value, `electronFuses.${fuse} must be ${value}`);
  }
  if (problems.length > 0) {
    fail(`${shownPath} breaks CaseSeal's packaging policy:\n  - ${problems.join('\n  - ')}`);
  }
}

// ------------------------------------------------------------------------------------------------
// (b) Smoke pack: Linux `dir` target with a stub Electron distribution (no download).
// ------------------------------------------------------------------------------------------------

/** An unpacked "Electron" with no Chromium in it: just a file carrying Electron 45's fuse wire at
 * its default state, so electron-builder's fuse flipping runs for real and can be checked. */
function makeStubElectron(dir, electronVersion) {
  const { SENTINEL, FuseState } = require('@electron/fuses/dist/constants');
  const defaults = [
    FuseState.ENABLE, // RunAsNode
    FuseState.DISABLE, // EnableCookieEncryption
    FuseState.ENABLE, // EnableNodeOptionsEnvironmentVariable
    FuseState.ENABLE, // EnableNodeCliInspectArguments
    FuseState.DISABLE, // EnableEmbeddedAsarIntegrityValidation
    FuseState.DISABLE, // OnlyLoadAppFromAsar
    FuseState.DISABLE, // LoadBrowserProcessSpecificV8Snapshot
    FuseState.ENABLE, // GrantFileProtocolExtraPrivileges
  ];
  const script =
    '#!/bin/sh\necho "stub Electron from scripts/check-builder.mjs: it cannot run" >&2\nexit 1\n';
  const binary = Buffer.concat([
    Buffer.from(script),
    Buffer.from(SENTINEL),
    Buffer.from([1 /* fuse wire version V1 */, defaults.length, ...defaults]),
    Buffer.from('\n'),
  ]);
  fs.mkdirSync(path.join(dir, 'resources'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'locales'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'electron'), binary, { mode: 0o755 });
  fs.writeFileSync(path.join(dir, 'chrome-sandbox'), '', { mode: 0o755 });
  fs.writeFileSync(path.join(dir, 'locales', 'en-GB.pak'), '');
  fs.writeFileSync(path.join(dir, 'version'), electronVersion);
  fs.writeFileSync(path.join(dir, 'LICENSE'), 'stub');
  fs.writeFileSync(path.join(dir, 'LICENSES.chromium.html'), 'stub');
}

function find7zip() {
  for (const candidate of [
    process.env.ELECTRON_BUILDER_7ZIP_PATH,
    '/usr/bin/7zz',
    '/usr/bin/7za',
  ]) {
    if (candidate && fs.existsSync(candidate)) return candidate;
  }
  return null;
}

function smokePack(tmp) {
  const outMain = path.join(projectDir, 'out', 'main');
  if (!fs.existsSync(outMain)) {
    fail(
      `${outMain} is missing: run \`npm run build\` (electron-vite build) before the smoke pack`,
    );
  }
  const electronVersion = require('electron/package.json').version;
  const stub = path.join(tmp, 'electron-dist');
  makeStubElectron(stub, electronVersion);

  const release = path.join(projectDir, 'release');
  for (const entry of fs.existsSync(release) ? fs.readdirSync(release) : []) {
    if (entry.endsWith('-unpacked')) fs.rmSync(path.join(release, entry), { recursive: true });
  }

  const sevenZip = find7zip();
  if (sevenZip == null) {
    log('warning: no 7-Zip found (apt-get install 7zip); the dir target should not need it');
  }
  const env = {
    ...process.env,
    CSC_IDENTITY_AUTO_DISCOVERY: 'false',
    ELECTRON_BUILDER_CACHE: path.join(tmp, 'cache'),
    ...(sevenZip ? { ELECTRON_BUILDER_7ZIP_PATH: sevenZip } : {}),
  };
  const cli = require.resolve('electron-builder/cli.js');
  const cmd = ['--linux', 'dir', '--publish', 'never', '--projectDir', projectDir];
  cmd.push(`-c.electronDist=${stub}`);
  log(`packing: electron-builder ${cmd.join(' ')}`);
  const run = spawnSync(process.execPath, [cli, ...cmd], {
    cwd: projectDir,
    env,
    stdio: 'inherit',
  });
  if (run.status !== 0) fail(`electron-builder exited with ${run.status ?? run.signal}`);
  return release;
}

/** Every entry of an asar header as { path, unpacked, isDir }. */
function asarEntries(archive) {
  const asar = require('@electron/asar');
  const { header } = asar.getRawHeader(archive);
  const entries = [];
  const walk = (node, prefix) => {
    for (const [name, child] of Object.entries(node.files ?? {})) {
      const p = prefix ? `${prefix}/${name}` : name;
      if (child.files) {
        entries.push({ path: p, unpacked: child.unpacked === true, isDir: true });
        walk(child, p);
      } else {
        entries.push({
          path: p,
          unpacked: child.unpacked === true,
          isDir: false,
          link: child.link,
        });
      }
    }
  };
  walk(header, '');
  return entries;
}

function findDirs(root, predicate, found = []) {
  for (const entry of fs.readdirSync(root, { withFileTypes: true })) {
    const p = path.join(root, entry.name);
    if (entry.isDirectory()) {
      if (predicate(p)) found.push(p);
      else findDirs(p, predicate, found);
    }
  }
  return found;
}

function listFiles(root, found = []) {
  for (const entry of fs.readdirSync(root, { withFileTypes: true })) {
    const p = path.join(root, entry.name);
    if (entry.isDirectory()) listFiles(p, found);
    else found.push(p);
  }
  return found;
}

/** Package names electron-builder should ship: the closure of package.json "dependencies". */
function productionPackages() {
  const names = new Set();
  const seen = new Set();
  const findPackageJson = (name, fromDir) => {
    for (let dir = fromDir; ; dir = path.dirname(dir)) {
      const candidate = path.join(dir, 'node_modules', name, 'package.json');
      if (fs.existsSync(candidate)) return candidate;
      if (path.dirname(dir) === dir) return null;
    }
  };
  const visit = (name, fromDir) => {
    const pkgJson = findPackageJson(name, fromDir);
    if (pkgJson == null || seen.has(pkgJson)) return;
    seen.add(pkgJson);
    names.add(name);
    const pkg = JSON.parse(fs.readFileSync(pkgJson, 'utf8'));
    for (const dep of Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies })) {
      visit(dep, path.dirname(pkgJson));
    }
  };
  const root = JSON.parse(fs.readFileSync(path.join(projectDir, 'package.json'), 'utf8'));
  for (const dep of Object.keys(root.dependencies ?? {})) visit(dep, projectDir);
  return names;
}

function inspectPackage(release, config) {
  const problems = [];
  const resourcesDirs = findDirs(
    release,
    (p) => path.basename(p) === 'resources' && fs.existsSync(path.join(p, 'app.asar')),
  );
  if (resourcesDirs.length !== 1) {
    fail(`expected one resources/app.asar under ${release}, found ${resourcesDirs.length}`);
  }
  const resources = resourcesDirs[0];
  const archive = path.join(resources, 'app.asar');
  const unpackedRoot = path.join(resources, 'app.asar.unpacked');
  const entries = asarEntries(archive);
  const files = entries.filter((e) => !e.isDir);
  log(`asar: ${path.relative(projectDir, archive)} holds ${files.length} files`);

  // 1. SQLCipher's native addon is unpacked: on disk in app.asar.unpacked, identical to the build,
  //    and marked "unpacked" in the asar header (its bytes are not inside the archive).
  const sqlcipherDir = path.join(unpackedRoot, 'node_modules', '@journeyapps', 'sqlcipher');
  const unpackedNodes = fs.existsSync(sqlcipherDir)
    ? listFiles(sqlcipherDir).filter((f) => f.endsWith('.node'))
    : [];
  if (unpackedNodes.length === 0) {
    problems.push(`no SQLCipher .node file under ${path.relative(projectDir, sqlcipherDir)}`);
  }
  const addon = 'node_modules/@journeyapps/sqlcipher/build/Release/node_sqlite3.node';
  const shipped = path.join(unpackedRoot, addon);
  const built = path.join(projectDir, addon);
  const sha = (f) => createHash('sha256').update(fs.readFileSync(f)).digest('hex');
  if (!fs.existsSync(shipped)) problems.push(`${addon} is not in app.asar.unpacked`);
  else if (fs.existsSync(built) && sha(shipped) !== sha(built)) {
    problems.push(`${addon} in app.asar.unpacked differs from the one npm built`);
  }
  for (const entry of files.filter((e) => e.path.endsWith('.node'))) {
    if (!entry.unpacked) problems.push(`native addon packed inside the asar: ${entry.path}`);
  }

  // 2. Nothing but the built app, package.json and production node_modules.
  const topLevel = new Set(entries.filter((e) => !e.path.includes('/')).map((e) => e.path));
  for (const name of topLevel) {
    if (!['out', 'package.json', 'node_modules'].includes(name)) {
      problems.push(`unexpected top-level entry in the asar: ${name}`);
    }
  }
  const leakRules = [
    [/\.map$/, 'source map'],
    [/\.(ts|tsx|mts|cts)$/, 'TypeScript source'],
    [/(^|\/)(tests?|__tests__)\//, 'test folder'],
    [/\.(test|spec)\.[cm]?[jt]sx?$/, 'test file'],
    [
      /^(tsconfig[^/]*\.json|electron-builder\.yml|eslint\.config\.mjs|vitest\.config\.mts|playwright\.config\.ts|\.git\/.*)$/,
      'project file',
    ],
  ];
  for (const { path: p } of files) {
    const hit = leakRules.find(([re]) => re.test(p));
    if (hit) problems.push(`${hit[1]} leaked into the asar: ${p}`);
  }
  const allowed = productionPackages();
  const shippedPackages = new Set(
    files.map((e) => /^node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(e.path)?.[1]).filter(Boolean),
  );
  for (const name of shippedPackages) {
    if (!allowed.has(name)) problems.push(`non-production package in the asar: ${name}`);
  }
  for (const name of allowed) {
    if (name === 'node-addon-api') continue; // build-time headers only, excluded on purpose
    if (!shippedPackages.has(name))
      problems.push(`production dependency missing from the asar: ${name}`);
  }

  // 3. The whole built app is there (except source maps), with its entry point.
  const outDir = path.join(projectDir, 'out');
  const packed = new Set(files.map((e) => e.path));
  for (const f of listFiles(outDir)) {
    const rel = path.relative(projectDir, f).split(path.sep).join('/');
    if (!rel.endsWith('.map') && !packed.has(rel))
      problems.push(`built file missing from the asar: ${rel}`);
  }
  const asar = require('@electron/asar');
  const pkg = JSON.parse(asar.extractFile(archive, 'package.json').toString('utf8'));
  const main = path.posix.normalize(pkg.main ?? 'index.js');
  if (!packed.has(main)) problems.push(`package.json "main" (${pkg.main}) is not in the asar`);

  // 4. Fuses were flipped on the packaged executable.
  const exe = path.join(
    path.dirname(resources),
    config.linux?.executableName ?? config.productName,
  );
  checkFuses(exe, REQUIRED_FUSES, problems);

  if (problems.length > 0) {
    fail(`the smoke-packed app is wrong:\n  - ${problems.join('\n  - ')}`);
  }
  log(`unpacked: ${unpackedNodes.map((f) => path.relative(projectDir, f)).join(', ')}`);
  log(
    `asar holds out/, package.json and ${shippedPackages.size} production packages; no sources, tests or maps`,
  );
  log(
    `fuses: ${Object.entries(REQUIRED_FUSES)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ')} in the packaged executable`,
  );
}

function checkFuses(exe, fuses, problems) {
  if (!fs.existsSync(exe)) {
    problems.push(`packaged executable not found: ${exe}`);
    return;
  }
  const { SENTINEL, FuseState } = require('@electron/fuses/dist/constants');
  const { FuseV1Options } = require('@electron/fuses/dist/config');
  const bytes = fs.readFileSync(exe);
  const at = bytes.indexOf(SENTINEL);
  if (at < 0) {
    problems.push(`no fuse wire in ${exe}`);
    return;
  }
  const wire = bytes.subarray(
    at + SENTINEL.length + 2,
    at + SENTINEL.length + 2 + bytes[at + SENTINEL.length + 1],
  );
  const optionIndex = {
    runAsNode: FuseV1Options.RunAsNode,
    enableCookieEncryption: FuseV1Options.EnableCookieEncryption,
    enableNodeOptionsEnvironmentVariable: FuseV1Options.EnableNodeOptionsEnvironmentVariable,
    enableNodeCliInspectArguments: FuseV1Options.EnableNodeCliInspectArguments,
    enableEmbeddedAsarIntegrityValidation: FuseV1Options.EnableEmbeddedAsarIntegrityValidation,
    onlyLoadAppFromAsar: FuseV1Options.OnlyLoadAppFromAsar,
    loadBrowserProcessSpecificV8Snapshot: FuseV1Options.LoadBrowserProcessSpecificV8Snapshot,
    grantFileProtocolExtraPrivileges: FuseV1Options.GrantFileProtocolExtraPrivileges,
  };
  for (const [fuse, value] of Object.entries(fuses)) {
    if (!(fuse in optionIndex)) continue;
    const expected = value ? FuseState.ENABLE : FuseState.DISABLE;
    if (wire[optionIndex[fuse]] !== expected) {
      problems.push(
        `fuse ${fuse} is ${FuseState[wire[optionIndex[fuse]]]} in the package, expected ${FuseState[expected]}`,
      );
    }
  }
}

async function main() {
  const started = Date.now();
  const config = await loadAndValidateConfig();
  if (args['schema-only'] || args.config) return;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'caseseal-builder-'));
  try {
    const release = smokePack(tmp);
    inspectPackage(release, config);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  log(`OK in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((error) => {
  if (error instanceof CheckFailed) {
    console.error(`\n[check-builder] FAILED: ${error.message}\n`);
  } else {
    console.error('\n[check-builder] FAILED with an unexpected error:\n', error);
  }
  process.exit(1);
});
