// All SQL lives in src/main/db (repositories/ one module per table or aggregate, plus the engine's
// open, snapshot and page-read modules): services in src/main/core hold none. This test parses every
// file under src/main/core with TypeScript and fails on SQL in any string or template literal, and
// on any reach for the engine's raw handle (`.raw`, `.pragma(`, `.prepare(`).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
const CORE = path.join(root, 'src/main/core');

/** Statements as SQLite spells them: keywords in capitals followed by what they act on. */
const SQL =
  /\b(SELECT\s+(?:[\w*]|DISTINCT)|INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|REPLACE\s+INTO|(?:CREATE|DROP|ALTER)\s+(?:TABLE|INDEX|TRIGGER|VIEW|VIRTUAL)|VACUUM|PRAGMA\s+\w|BEGIN\s+(?:IMMEDIATE|EXCLUSIVE|DEFERRED|TRANSACTION)|ROLLBACK|COMMIT\b)/;

/** `x.raw` read as a value (the engine handle; a parser's own `this.raw()` method is fine), or a
 * call of `x.pragma(…)` / `x.prepare(…)`. */
function isRawHandle(n: ts.PropertyAccessExpression): boolean {
  const called = ts.isCallExpression(n.parent) && n.parent.expression === n;
  if (n.name.text === 'raw') return !called;
  return called && (n.name.text === 'pragma' || n.name.text === 'prepare');
}

function sqlFindings(fileName: string, code: string): string[] {
  const source = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const where = (n: ts.Node) =>
    `${fileName}:${source.getLineAndCharacterOfPosition(n.getStart()).line + 1}`;
  const visit = (n: ts.Node): void => {
    if (
      ts.isStringLiteral(n) ||
      ts.isNoSubstitutionTemplateLiteral(n) ||
      ts.isTemplateHead(n) ||
      ts.isTemplateMiddle(n) ||
      ts.isTemplateTail(n)
    ) {
      if (SQL.test(n.text)) found.push(`${where(n)} SQL in a string: ${n.text.slice(0, 60)}`);
    } else if (ts.isPropertyAccessExpression(n) && isRawHandle(n)) {
      found.push(`${where(n)} the engine's raw handle (.${n.name.text})`);
    }
    ts.forEachChild(n, visit);
  };
  visit(source);
  return found;
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? tsFiles(path.join(dir, e.name))
      : e.name.endsWith('.ts')
        ? [path.join(dir, e.name)]
        : [],
  );
}

describe('SQL only in src/main/db', () => {
  it('no file under src/main/core holds SQL or touches the raw engine handle', () => {
    const files = tsFiles(CORE);
    expect(files.length).toBeGreaterThan(50);
    const findings = files.flatMap((f) =>
      sqlFindings(path.relative(root, f), readFileSync(f, 'utf8')),
    );
    expect(findings).toEqual([]);
  });

  it('attack "hide a query in a service" (string, template, raw handle): each is found', () => {
    const hidden: Array<[string, string]> = [
      ['a string', "await conn.get('SELECT * FROM records WHERE id = ?', [id]);"],
      ['a template', 'await conn.all(`SELECT id FROM cases WHERE ref = ${ref}`);'],
      ['a write', "await conn.run('INSERT OR IGNORE INTO case_people VALUES (?, ?)', []);"],
      ['an update', 'await conn.run(`UPDATE cases SET title = ? WHERE id = ?`, []);'],
      ['a delete', "await conn.run('DELETE FROM case_waiting WHERE case_id = ?', [id]);"],
      ['a pragma string', 'db.exec(`PRAGMA key = "x${hex}"`);'],
      ['the raw handle', "db.raw.exec('x');"],
      ['a pragma call', "handle.pragma('quick_check');"],
      ['a prepared statement', 'handle.prepare(sql);'],
      ['a vacuum', 'run(`VACUUM INTO ${path}`);'],
      ['a transaction', "await conn.exec('BEGIN IMMEDIATE');"],
    ];
    for (const [what, code] of hidden)
      expect(sqlFindings('x.ts', code), `${what} was not found`).toHaveLength(1);
  });

  it('plain words, comments and regular expressions are not mistaken for SQL', () => {
    const fine = [
      '// SELECT * FROM records is what the repository runs\nconst a = 1;',
      "const m = 'Select a case to export. Update the title, then delete the draft.';",
      'const r = /SELECT/.exec(text);',
      'const bytes = this.raw();',
      "const copy = 'The page count matches the file.';",
    ];
    for (const code of fine) expect(sqlFindings('x.ts', code)).toEqual([]);
  });
});
