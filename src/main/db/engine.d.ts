// Types for the vault engine. better-sqlite3-multiple-ciphers ships its own index.d.ts but its
// package "exports" hide it from TypeScript; its API is better-sqlite3's, so the engine is typed
// with @types/better-sqlite3 (a type-only mapping: nothing here exists at run time).
declare module 'better-sqlite3-multiple-ciphers' {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- an `export =` module is re-exported this way only
  import Database = require('better-sqlite3');
  export = Database;
}
