// Tests scripts/check-builder.mjs step (a): electron-builder.yml passes electron-builder's own schema
// validation and CaseSeal's packaging policy, and deliberately broken configs are rejected.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
const script = path.join(root, 'scripts/check-builder.mjs');
const realConfig = fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'caseseal-builder-config-'));

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function check(...args: string[]): { status: number | null; output: string } {
  const run = spawnSync(process.execPath, [script, ...args], { cwd: root, encoding: 'utf8' });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

function variant(name: string, edit: (yaml: string) => string): string {
  const edited = edit(realConfig);
  expect(edited, `the edit for ${name} changed nothing`).not.toBe(realConfig);
  const file = path.join(tmp, `${name}.yml`);
  fs.writeFileSync(file, edited);
  return file;
}

describe('electron-builder.yml', () => {
  it('passes electron-builder schema validation and the packaging policy', () => {
    const { status, output } = check('--schema-only');
    expect(output).toMatch(/is valid for electron-builder 26\./);
    expect(status, output).toBe(0);
  });

  it('rejects a config that breaks the schema (unknown option, wrong type)', () => {
    const file = variant(
      'broken-schema',
      (yaml) =>
        `${yaml.replace('oneClick: false', "oneClick: 'sometimes'")}\nappID: uk.caseseal.typo\n`,
    );
    const { status, output } = check('--config', file);
    expect(status).toBe(1);
    expect(output).toMatch(/does not pass electron-builder .*schema/);
    expect(output).toMatch(/unknown property 'appID'/);
    expect(output).toMatch(/configuration\.nsis/);
  });

  it('rejects a schema-valid config that drops a packaging requirement', () => {
    const file = variant('broken-policy', (yaml) =>
      yaml
        .replace('perMachine: true', 'perMachine: false')
        .replace('    - target: msi\n      arch: [x64, arm64]\n', '')
        .replace('  runAsNode: false', '  runAsNode: true')
        // An x64 installer that would carry the arm64 engine binary.
        .replace('prebuilds/win32-${arch}.node', 'prebuilds/win32-arm64.node'),
    );
    const { status, output } = check('--config', file);
    expect(status).toBe(1);
    expect(output).toMatch(/breaks CaseSeal's packaging policy/);
    expect(output).toMatch(/nsis\.perMachine must be true/);
    expect(output).toMatch(/win\.target must include msi/);
    expect(output).toMatch(/electronFuses\.runAsNode must be false/);
    expect(output).toMatch(/win\.extraResources must copy exactly its own engine binary/);
  });

  it("rejects a config that would ship every platform's engine binary inside the asar", () => {
    const file = variant('engine-in-asar', (yaml) =>
      yaml
        .replace(
          "  - '!**/node_modules/better-sqlite3-multiple-ciphers/{deps,src,prebuilds}/**'\n",
          '',
        )
        .replace('asarUnpack: []', "asarUnpack:\n  - '**/*.node'"),
    );
    const { status, output } = check('--config', file);
    expect(status).toBe(1);
    expect(output).toMatch(
      /files must keep the engine's sources and prebuilt binaries out of the asar/,
    );
    expect(output).toMatch(/asarUnpack must stay empty/);
  });

  it('fails clearly when the config file does not exist', () => {
    const { status, output } = check('--config', path.join(tmp, 'missing.yml'));
    expect(status).toBe(1);
    expect(output).toMatch(/configuration file not found/);
  });
});
