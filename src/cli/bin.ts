/** The `codeboom` executable (dist/cli.js, package.json `bin`): runs {@link main} on the process's arguments. */
import { main } from './main';

main(process.argv.slice(2), { out: (t) => process.stdout.write(t + '\n'), err: (t) => process.stderr.write(t + '\n') }).then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(String(e) + '\n');
    process.exit(3);
  },
);
