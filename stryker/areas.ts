/**
 * The mutation-testing areas (`npm run mutation -- <area>`): which source files Stryker mutates and
 * which test files may kill the mutants. Only tests that run the code in this process belong here:
 * Stryker activates mutants in the test runner's process, so a test that spawns a CLI or restarts a
 * server in a child process can kill nothing (tests/sandbox/restart.test.ts, the CLI half of
 * tests/contract/diff.test.ts, tests/suite/broken-server.test.ts).
 */
export type AreaName = 'client' | 'contract' | 'sandbox';

export interface Area {
  mutate: string[];
  tests: string[];
  /** Environment for the test runner (the contract suite's target, the database). */
  env: Record<string, string>;
  /**
   * Why static mutants (code that runs at start-up or in a test file's beforeAll, which Stryker can
   * only test by running every test file) are left out of this area's run, when they are. The report
   * counts them as Ignored, and scripts/mutation.ts prints how many.
   */
  ignoreStatic?: string;
}

/** Real PostgreSQL: a sandbox starts in ~20 ms on it against ~2 s on PGlite, per test file and mutant. */
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://layers:layers@127.0.0.1:5432/layers_sandbox';

export const AREAS: Record<AreaName, Area> = {
  client: {
    mutate: ['src/client/**/*.ts'],
    tests: ['tests/client/**/*.test.ts'],
    env: {},
  },
  contract: {
    // The breaking-change engine and the Ajv set-up every validator comes from.
    mutate: ['src/contract/diff.ts', 'src/contract/validator.ts'],
    tests: ['tests/contract/diff*.test.ts', 'tests/contract/forward-compat.test.ts', 'tests/contract/validator*.test.ts', 'tests/suite/contract.test.ts'],
    env: { CONTRACT_TARGET: 'sandbox', DATABASE_URL },
  },
  sandbox: {
    // The handlers behind the routes, keys and how they are presented, idempotency, the server, and
    // the request validation and error envelope they answer with. src/http/front.ts (HTTP framing,
    // parser errors, limits: the abuse suite's ground, shared with the mock) is not in this area: with
    // it a run took well over an hour on the shared machine.
    mutate: [
      'src/sandbox/handlers.ts',
      'src/sandbox/server.ts',
      'src/sandbox/auth.ts',
      'src/sandbox/idempotency.ts',
      'src/http/credentials.ts',
      'src/contract/requests.ts',
      'src/contract/errors.ts',
    ],
    tests: [
      'tests/sandbox/sandbox.test.ts',
      'tests/sandbox/idempotency.test.ts',
      'tests/sandbox/scopes.test.ts',
      'tests/sandbox/media-urls.test.ts',
      'tests/sandbox/validation-details.test.ts',
      'tests/sandbox/auth-rules.test.ts',
      'tests/sandbox/idempotency-rules.test.ts',
      'tests/sandbox/error-envelope.test.ts',
      'tests/sandbox/handler-rules.test.ts',
      'tests/sandbox/startup.test.ts',
      'tests/sandbox/wire-rules.test.ts',
      'tests/suite/contract.test.ts',
    ],
    env: { CONTRACT_TARGET: 'sandbox', DATABASE_URL },
    ignoreStatic:
      'about 40% of these mutants run while sandboxes start and test files set up (compiling the contract, the first requests of a beforeAll); each would re-run every test file, which took over an hour on the shared 2-core machine',
  },
};

export function areaOf(name: string | undefined): Area {
  if (name === undefined || !(name in AREAS)) throw new Error(`mutation area must be one of ${Object.keys(AREAS).join(', ')} (got ${name ?? 'nothing'})`);
  return AREAS[name as AreaName];
}
