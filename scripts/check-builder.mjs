#!/usr/bin/env node
// Checks electron-builder.yml offline: (a) electron-builder's own schema validation plus CaseSeal's
// packaging policy, (b) `dir` smoke packs for linux-x64, win32-x64 and win32-arm64 with a stub
// Electron, then inspects each result (asar contents, exactly its own engine binary, fuses).
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
const ENGINE = 'better-sqlite3-multiple-ciphers';
/** Where the packaged app finds the engine's binary (main passes it as `nativeBinding`). */
const ENGINE_RESOURCE = 'engine/better_sqlite3.node';

/** The smoke-packed targets: platform flag, arch, the engine binary it must carry, its executable. */
const PACK_TARGETS = [
  { name: 'linux-x64', cli: '--linux', arch: 'x64', binary: 'linux-x64.node', exe: 'caseseal' },
  { name: 'win32-x64', cli: '--win', arch: 'x64', binary: 'win32-x64.node', exe: 'CaseSeal.exe' },
  {
    name: 'win32-arm64',
    cli: '--win',
    arch: 'arm64',
    binary: 'win32-arm64.node',
    exe: 'CaseSeal.exe',
  },
];

/** CaseSeal's packaging requirements, so a schema-valid edit cannot silently drop one. */
function checkPolicy(config, shownPath) {
  const problems = [];
  const expect = (ok, message) => ok || problems.push(message);
  expect(config.appId === 'uk.caseseal.app', 'appId must be uk.caseseal.app');
  expect(config.productName === 'CaseSeal', 'productName must be CaseSeal');
  expect(config.directories?.output === 'release', 'directories.output must be release');
  expect(config.asar !== false, 'asar must stay enabled');
  expect(
    config.npmRebuild === false,
    'npmRebuild must be false (the engine ships prebuilt binaries)',
  );
  expect(
    [config.asarUnpack ?? []].flat().length === 0,
    'asarUnpack must stay empty: no native binary belongs inside the asar',
  );
  // getConfig normalises `files` to [{ filter: [...] }]; accept either shape.
  const globalFiles = [config.files ?? []]
    .flat()
    .flatMap((f) => (typeof f === 'string' ? [f] : [f?.filter ?? []].flat()));
  expect(
    globalFiles.includes(`!**/node_modules/${ENGINE}/{deps,src,prebuilds}/**`),
    `files must keep the engine's sources and prebuilt binaries out of the asar`,
  );
  const ownBinary = { win: 'win32', mac: 'darwin', linux: 'linux' };
  for (const [section, platform] of Object.entries(ownBinary)) {
    const extra = [config[section]?.extraResources ?? []].flat();
    const from = `node_modules/${ENGINE}/prebuilds/${platform}-` + '${arch}.node';
    expect(
      extra.some((e) => e?.from === from && e?.to === ENGINE_RESOURCE),
      `${section}.extraResources must copy exactly its own engine binary (${from}) to ${ENGINE_RESOURCE}`,
    );
  }
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
function makeStubElectron(dir, electronVersion, platform) {
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
  if (platform === 'win') {
    // Windows packing embeds the asar integrity as a PE resource, so the stub must be a real PE:
    // rcedit.exe (a small PE with version info, shipped in electron-winstaller, a dependency of
    // electron-builder) with the fuse wire appended after its last section.
    const pe = fs.readFileSync(require.resolve('electron-winstaller/vendor/rcedit.exe'));
    fs.writeFileSync(
      path.join(dir, 'electron.exe'),
      Buffer.concat([pe, binary.subarray(Buffer.byteLength(script))]),
    );
  } else {
    fs.writeFileSync(path.join(dir, 'electron'), binary, { mode: 0o755 });
    fs.writeFileSync(path.join(dir, 'chrome-sandbox'), '', { mode: 0o755 });
  }
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

function smokePack(tmp, target) {
  const outMain = path.join(projectDir, 'out', 'main');
  if (!fs.existsSync(outMain)) {
    fail(
      `${outMain} is missing: run \`npm run build\` (electron-vite build) before the smoke pack`,
    );
  }
  const electronVersion = require('electron/package.json').version;
  const platform = target.cli.replace(/^--/, '');
  const stub = path.join(tmp, `electron-dist-${target.name}`);
  makeStubElectron(stub, electronVersion, platform);
  // Each target packs into its own folder, so one inspection never sees another target's files.
  const release = path.join(tmp, `release-${target.name}`);

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
  const cmd = [target.cli, 'dir', `--${target.arch}`, '--publish', 'never'];
  cmd.push(
    '--projectDir',
    projectDir,
    `-c.electronDist=${stub}`,
    `-c.directories.output=${release}`,
  );
  // Editing a Windows executable's resources (rcedit) needs Wine here; the smoke pack skips only that.
  if (platform === 'win') cmd.push('-c.win.signAndEditExecutable=false');
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

function inspectPackage(release, config, target) {
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
  const entries = asarEntries(archive);
  const files = entries.filter((e) => !e.isDir);
  log(`asar: ${path.relative(projectDir, archive)} holds ${files.length} files`);

  // 1. The engine's native addon: exactly this target's own binary, byte-identical to the one in the
  //    npm package, at resources/engine/; no other native binary anywhere in the package.
  const appDir = path.dirname(resources);
  const nativeFiles = listFiles(appDir)
    .filter((f) => f.endsWith('.node'))
    .map((f) => path.relative(resources, f).split(path.sep).join('/'));
  if (nativeFiles.length !== 1 || nativeFiles[0] !== ENGINE_RESOURCE) {
    problems.push(
      `${target.name} must carry exactly one native binary, ${ENGINE_RESOURCE}; found: ${nativeFiles.join(', ') || 'none'}`,
    );
  }
  const shipped = path.join(resources, ENGINE_RESOURCE);
  const expected = path.join(projectDir, 'node_modules', ENGINE, 'prebuilds', target.binary);
  const sha = (f) => createHash('sha256').update(fs.readFileSync(f)).digest('hex');
  if (fs.existsSync(shipped) && sha(shipped) !== sha(expected)) {
    problems.push(`${ENGINE_RESOURCE} is not ${target.binary} from the engine's npm package`);
  }
  for (const entry of files.filter((e) => e.path.endsWith('.node'))) {
    problems.push(`native binary inside the asar: ${entry.path}`);
  }
  for (const { path: p } of files) {
    if (
      p.startsWith(`node_modules/${ENGINE}/`) &&
      !p.startsWith(`node_modules/${ENGINE}/lib/`) &&
      !p.endsWith('package.json') &&
      !/\/(LICENSE|README\.md)$/.test(p)
    ) {
      problems.push(`engine file beyond lib/ shipped: ${p}`);
    }
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
  // Main starts every worker thread from the one worker entry beside its own bundle.
  const workerEntry = path.posix.join(path.posix.dirname(main), 'worker.js');
  if (!packed.has(workerEntry))
    problems.push(`the worker entry (${workerEntry}) is not in the asar`);

  // 4. Fuses were flipped on the packaged executable.
  const exe = path.join(path.dirname(resources), target.exe);
  checkFuses(exe, REQUIRED_FUSES, problems);

  if (problems.length > 0) {
    fail(`the smoke-packed ${target.name} app is wrong:\n  - ${problems.join('\n  - ')}`);
  }
  log(
    `${target.name}: ${ENGINE_RESOURCE} is ${target.binary}, the only native binary in the package`,
  );
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
    for (const target of PACK_TARGETS) {
      const release = smokePack(tmp, target);
      inspectPackage(release, config, target);
    }
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
