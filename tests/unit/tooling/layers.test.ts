// Tests the layer rules of eslint.config.mjs themselves: snippets linted at virtual paths must be
// reported (or not) exactly as the layer table in docs/design.md says.
import path from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
const LAYER_RULES = new Set(['no-restricted-imports', 'layers/no-restricted-dynamic-imports']);

let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({
    cwd: root,
    // The snippets live at paths that do not exist on disk, so TypeScript's project service cannot
    // find them; parse them without type information and run only the layer rules.
    overrideConfig: {
      languageOptions: { parserOptions: { projectService: false, project: null } },
    },
    ruleFilter: ({ ruleId }) => LAYER_RULES.has(ruleId),
  });
});

async function layerViolations(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport {};\n`, {
    filePath: path.join(root, file),
  });
  expect(result, `no lint result for ${file}`).toBeDefined();
  const fatal = result!.messages.filter((m) => m.fatal === true);
  expect(
    fatal.map((m) => m.message),
    `parse error in snippet for ${file}`,
  ).toEqual([]);
  return result!.messages.filter((m) => LAYER_RULES.has(m.ruleId ?? '')).map((m) => m.message);
}

// [virtual path, snippet]
const forbidden: Array<[string, string]> = [
  // domain code and the database layer never import Electron, in any form
  ['src/main/core/x.ts', "import { app } from 'electron';"],
  ['src/main/core/vault/x.ts', "import type { BrowserWindow } from 'electron';"],
  ['src/main/core/x.ts', "export { app } from 'electron';"],
  ['src/main/core/x.ts', "const electron = await import('electron');"],
  ['src/main/core/x.ts', "const electron = require('electron');"],
  ['src/main/db/open.ts', "import { safeStorage } from 'electron';"],
  ['src/main/core/x.ts', "import { App } from '../../renderer/src/App';"],
  // the renderer: no Electron, no Node, nothing from main or preload
  ['src/renderer/src/x.tsx', "import fs from 'node:fs';"],
  ['src/renderer/src/x.tsx', "import path from 'path';"],
  ['src/renderer/src/x.tsx', "import { readFile } from 'fs/promises';"],
  ['src/renderer/src/x.tsx', "import { EventEmitter } from 'events';"],
  ['src/renderer/src/x.tsx', "import { ipcRenderer } from 'electron';"],
  ['src/renderer/src/x.tsx', "import { openVault } from '../../main/core/vault/open';"],
  [
    'src/renderer/src/components/x.tsx',
    "import { handlers } from '../../../main/core/api/handlers';",
  ],
  ['src/renderer/src/x.tsx', "import '../../preload/index';"],
  ['src/renderer/src/x.tsx', "import { x } from '@main/core/x';"],
  ['src/renderer/src/x.tsx', "const m = await import('node:crypto');"],
  // shared: pure TypeScript
  ['src/shared/x.ts', "import { createHash } from 'node:crypto';"],
  ['src/shared/x.ts', "import crypto from 'crypto';"],
  ['src/shared/x.ts', "import { Buffer } from 'buffer';"],
  ['src/shared/x.ts', "import { app } from 'electron';"],
  ['src/shared/x.ts', "import { openVault } from '../main/core/vault/open';"],
  ['src/shared/ipc/x.ts', "import { register } from '../../main/ipc/register';"],
  ['src/shared/x.ts', "import { App } from '../renderer/src/App';"],
  ['src/shared/x.ts', "import '../preload/index';"],
  // preload: only electron and ../shared/ipc/*
  ['src/preload/index.ts', "import fs from 'node:fs';"],
  ['src/preload/index.ts', "import { z } from 'zod';"],
  ['src/preload/index.ts', "import { ROLES } from '../shared/roles';"],
  ['src/preload/index.ts', "import { x } from '../shared/ipc/deeper/x';"],
  ['src/preload/index.ts', "import { handlers } from '../main/core/api/handlers';"],
  ['src/preload/index.ts', "import { ipcRenderer } from 'electron/renderer';"],
  // the police verifier CLI is plain Node
  ['src/cli/verify.ts', "import { app } from 'electron';"],
  // Electron glue may use electron, but not the renderer
  ['src/main/index.ts', "import { App } from '../renderer/src/App';"],
];

const allowed: Array<[string, string]> = [
  ['src/main/index.ts', "import { app, BrowserWindow } from 'electron';"],
  ['src/main/window.ts', "import { join } from 'node:path';"],
  ['src/main/ipc/register.ts', "import { ipcMain } from 'electron';"],
  ['src/main/ipc/register.ts', "import { handlers } from '../core/api/handlers';"],
  ['src/main/core/x.ts', "import { createHash } from 'node:crypto';"],
  ['src/main/core/vault/x.ts', "import { openDatabase } from '../../db/open';"],
  ['src/main/core/vault/x.ts', "import { ROLES } from '../../../shared/roles';"],
  ['src/main/core/vault/x.ts', "import { deriveKey } from '../crypto/kdf';"],
  ['src/main/core/x.ts', "const { createHash } = await import('node:crypto');"],
  ['src/main/db/open.ts', "import Database from 'better-sqlite3-multiple-ciphers';"],
  ['src/main/db/open.ts', "import { rename } from 'node:fs/promises';"],
  ['src/renderer/src/x.tsx', "import { useState } from 'react';"],
  ['src/renderer/src/x.tsx', "import { createRoot } from 'react-dom/client';"],
  ['src/renderer/src/x.tsx', "import { z } from 'zod';"],
  ['src/renderer/src/x.tsx', "import { api } from './lib/api';"],
  ['src/renderer/src/screens/x.tsx', "import { api } from '../lib/api';"],
  ['src/renderer/src/x.tsx', "import { ROLES } from '../../shared/roles';"],
  ['src/renderer/src/x.tsx', "import { zxcvbn } from '@zxcvbn-ts/core';"],
  ['src/shared/x.ts', "import { z } from 'zod';"],
  ['src/shared/x.ts', "import canonicalize from 'canonicalize';"],
  ['src/shared/records/x.ts', "import { ROLES } from '../roles';"],
  ['src/preload/index.ts', "import { contextBridge, ipcRenderer } from 'electron';"],
  ['src/preload/index.ts', "import { CHANNELS } from '../shared/ipc/channels';"],
  ['src/preload/index.ts', "import type { Contract } from '../shared/ipc/contract';"],
  ['src/cli/verify.ts', "import { readFile } from 'node:fs/promises';"],
  ['src/cli/verify.ts', "import { verifyBundle } from '../main/core/verify/bundle';"],
  ['tests/unit/x.test.ts', "import { app } from 'electron';"],
];

describe('ESLint layer rules (docs/design.md layer table)', () => {
  it.each(forbidden)('reports in %s: %s', async (file, code) => {
    const messages = await layerViolations(file, code);
    expect(messages.length, `expected a layer violation for ${code} in ${file}`).toBeGreaterThan(0);
  });

  it.each(allowed)('allows in %s: %s', async (file, code) => {
    expect(await layerViolations(file, code)).toEqual([]);
  });

  it('explains the violation', async () => {
    const [message] = await layerViolations(
      'src/main/core/x.ts',
      "import { app } from 'electron';",
    );
    expect(message).toMatch(/must not import Electron/);
  });
});
