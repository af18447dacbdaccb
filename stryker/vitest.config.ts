/** Vitest as Stryker runs it: the area's test files only (MUTATION_AREA), no type tests, and hook failures made visible. */
import { defineConfig } from 'vitest/config';
import { areaOf } from './areas.js';

const area = areaOf(process.env.MUTATION_AREA);

export default defineConfig({
  test: {
    include: area.tests,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    typecheck: { enabled: false },
    reporters: ['./stryker/hook-failures.ts'],
  },
});
