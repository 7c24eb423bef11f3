/** The command line as words: positional arguments and `--options`, and the mistakes in it. */

/** A mistake in the command line: exit code 2, with a message that says what is allowed. */
export class UsageError extends Error {}

export type Options = Readonly<Record<string, string | boolean>>;

export interface ParsedArgs {
  readonly positional: string[];
  readonly options: Record<string, string | boolean>;
  /** Every value of each option, in order (`--speaker a=b --speaker c=d`); `options` has the last. */
  readonly lists: Record<string, string[]>;
}

/**
 * The options that never take a value, of each command (`*`: every command). `--json study` is the
 * flag and the study folder; `--json=yes` is a usage error. Every option not named here takes a value.
 */
export const COMMAND_FLAGS = {
  '*': ['help'],
  stats: ['json'],
  export: ['force', 'no-pseudonyms'],
  import: ['separate'],
  suggest: ['evaluate'],
} as const satisfies Readonly<Record<string, readonly string[]>>;

const FLAGS: ReadonlySet<string> = new Set(Object.values(COMMAND_FLAGS).flat());

/** True for an option that never takes a value. */
export function isFlag(name: string): boolean {
  return FLAGS.has(name);
}

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const positional: string[] = [];
  const options: Record<string, string | boolean> = {};
  const lists: Record<string, string[]> = {};
  const add = (key: string, value: string): void => {
    options[key] = value;
    (lists[key] ??= []).push(value);
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) {
      const [key, inline] = a.slice(2).split('=', 2);
      if (inline !== undefined) {
        if (FLAGS.has(key)) {
          throw new UsageError(`--${key} takes no value`);
        }
        add(key, inline);
      } else if (!FLAGS.has(key) && i + 1 < argv.length && !argv[i + 1].startsWith('--')) {
        add(key, argv[++i]);
      } else {
        options[key] = true;
      }
    } else {
      positional.push(a);
    }
  }
  return { positional, options, lists };
}

/** Rejects the options a command does not take (a typo must not be ignored silently). */
export function onlyOptions(command: string, options: Options, allowed: readonly string[]): void {
  for (const key of Object.keys(options)) {
    if (!allowed.includes(key)) {
      throw new UsageError(
        `${command} has no option --${key}${allowed.length ? `; its options: ${allowed.map((k) => `--${k}`).join(', ')}` : ''}`,
      );
    }
  }
}

/** A string option's value; a bare flag (`--rows` without a value) is a usage error. */
export function stringOption(options: Options, name: string): string | undefined {
  const v = options[name];
  if (v === undefined) {
    return undefined;
  }
  if (typeof v !== 'string' || v === '') {
    throw new UsageError(`--${name} needs a value`);
  }
  return v;
}
