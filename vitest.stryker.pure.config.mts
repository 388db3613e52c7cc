// Vitest under StrykerJS for the pure folders (the rules R1–R18 and the imagery guard R2): their
// tests touch no vault, file or native engine, so one shared worker thread without per-file
// isolation is safe and makes each mutant's run several times cheaper on two shared cores.
import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.stryker.config.mts';

export default mergeConfig(base, defineConfig({ test: { pool: 'threads', isolate: false } }));
