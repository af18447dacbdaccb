import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    // Its own tsconfig: only the type tests and what they import. With the project's, vitest's tsc
    // checked every file again (the typecheck stage does that), ~50 s of the unit stage.
    typecheck: { enabled: true, include: ['tests/types/**/*.test-d.ts'], tsconfig: './tests/types/tsconfig.json' },
  },
});
