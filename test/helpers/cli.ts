/**
 * The real CLI (bin/bwmo.js) in a Node process of its own, run from the repository root as a user runs it. Several
 * test files run it this way (exit code, stdout and stderr of the whole process); they share this one runner.
 */
import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');

export interface Run {
  /** The exit code; null when the process was killed (e.g. by the timeout). */
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * `bwmo ARGS`. Never rejects: a failing command resolves with its exit code. `timeoutMs` kills a run that hangs; a
 * test that runs a larger region gives it more time.
 */
export function bwmo(args: readonly string[], timeoutMs = 20_000): Promise<Run> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [join(ROOT, 'bin/bwmo.js'), ...args],
      { cwd: ROOT, maxBuffer: 64 * 1024 * 1024, timeout: timeoutMs },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : null) : 0;
        done({ code, stdout, stderr });
      },
    );
  });
}
