/**
 * A vitest reporter for mutation runs. Vitest marks every test of a file or suite whose `beforeAll`
 * failed (or a file that failed to load) as skipped, and Stryker 9.6.1 counts a run with only skipped
 * tests as a surviving mutant. Here those tests become failures carrying the hook's error: in the
 * initial run Stryker then stops, loudly, and in a mutant run the mutant counts as killed (it broke
 * the set-up every test needs).
 */
import type { Reporter, TestModule } from 'vitest/node';

type Task = { type: string; name: string; mode: string; result?: { state?: string; errors?: unknown[] }; tasks?: Task[]; file?: unknown; suite?: unknown };

function failSkipped(task: Task, errors: unknown[]): number {
  let n = 0;
  for (const child of task.tasks ?? []) {
    if (child.type === 'test' && (child.mode === 'skip' || child.result?.state === 'skip' || !child.result)) {
      child.mode = 'run';
      child.result = { ...child.result, state: 'fail', errors };
      n++;
    } else if (child.type === 'suite') n += failSkipped(child, errors);
  }
  return n;
}

function visit(task: Task, file: Task): void {
  if (task.result?.state === 'fail' && task.result.errors?.length) {
    const errors = task.result.errors;
    if (failSkipped(task, errors) === 0 && task === file && !(task.tasks ?? []).some((t) => t.result?.state === 'fail')) {
      // A file that failed before collecting a test: give Stryker a failed test to see.
      (task.tasks ??= []).push({ type: 'test', name: 'file failed to load', mode: 'run', result: { state: 'fail', errors }, file, suite: undefined, tasks: undefined } as Task);
    }
    const message = (errors[0] as { message?: string } | undefined)?.message ?? 'unknown error';
    process.stderr.write(`[hook-failures] ${task.name}: set-up failed, its tests count as failed: ${message}\n`);
    return;
  }
  for (const child of task.tasks ?? []) if (child.type === 'suite') visit(child, file);
}

export default class HookFailures implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    for (const module of modules) {
      const file = module.task as unknown as Task;
      visit(file, file);
    }
  }
}
