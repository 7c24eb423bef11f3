/**
 * The `codeboom` executable (dist/cli.js, package.json `bin`): runs {@link main} on the process's
 * arguments. It never calls `process.exit` while output is still queued: to a pipe, Node writes
 * asynchronously, and exiting early cut everything past the pipe's buffer (64 KiB) with status 0.
 */
import { main } from './main';

/** Resolves when everything written to the stream so far has been handed to the system. */
function drained(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (stream.destroyed || !stream.writable) {
      resolve();
      return;
    }
    // Write callbacks run in order: this one runs after every earlier write is flushed (or failed).
    stream.write('', () => resolve());
  });
}

/**
 * A reader that went away (`codeboom export … | head`): stop quietly, with the status of a process
 * ended by SIGPIPE (128 + 13), as `yes | head` does, so `set -o pipefail` sees the cut.
 */
const BROKEN_PIPE = 141;
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') {
      process.exit(BROKEN_PIPE);
    }
    throw e;
  });
}

async function run(): Promise<number> {
  try {
    return await main(process.argv.slice(2), {
      out: (t) => process.stdout.write(t + '\n'),
      err: (t) => process.stderr.write(t + '\n'),
    });
  } catch (e) {
    process.stderr.write(String(e) + '\n');
    return 3;
  }
}

void run().then(async (code) => {
  process.exitCode = code;
  await Promise.all([drained(process.stdout), drained(process.stderr)]);
  process.exit(code);
});
