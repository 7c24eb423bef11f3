/** The command line as words: flags never take a value, every other option does. */
import * as assert from 'assert';
import * as path from 'path';
import fc from 'fast-check';
import { parseArgs } from '../../src/cli';
import { run } from './cliRun';
import { COMMAND_FLAGS, isFlag } from '../../src/cli/args';

const SAMPLE = path.resolve(__dirname, '../../../sample/kennisdeling');

describe('CLI arguments: flags take no value', () => {
  it('stats --json <study> reads the study, not the current folder', async () => {
    const r = await run('stats', '--json', SAMPLE);
    assert.strictEqual(r.code, 0, r.err);
    assert.strictEqual(JSON.parse(r.out).transcripts, 14);
  });

  it('export --force <what> <study>: the flag and two words', async () => {
    const r = await run('export', '--force', 'qdc', SAMPLE);
    assert.strictEqual(r.code, 0, r.err);
    assert.match(r.out, /<CodeBook/);
  });

  it('--help before a word still shows help', async () => {
    const r = await run('--help', 'export');
    assert.strictEqual(r.code, 0, r.err);
    assert.match(r.out, /^codeboom export <what>/);
  });

  it('--json=yes is a usage error (exit 2)', async () => {
    const r = await run('stats', SAMPLE, '--json=yes');
    assert.strictEqual(r.code, 2);
    assert.match(r.err, /--json takes no value/);
  });

  it('every flag of every command, before any word, leaves the word positional; other options take it', () => {
    const flags = [...new Set(Object.values(COMMAND_FLAGS).flat())];
    assert.deepStrictEqual(flags.sort(), ['evaluate', 'force', 'help', 'json', 'no-pseudonyms', 'separate']);
    const word = fc.stringMatching(/^[a-z0-9./][a-z0-9./-]{0,8}$/);
    const option = fc.oneof(fc.constantFrom(...flags), fc.constantFrom('out', 'rows', 'lang', 'format', 'date'));
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            word.map((w) => ({ word: w })),
            option.map((o) => ({ option: o })),
          ),
          { maxLength: 12 },
        ),
        (items) => {
          const argv = items.map((i) => ('word' in i ? i.word : `--${i.option}`));
          const parsed = parseArgs(argv);
          // What the parser did, replayed: a flag is true, an option takes the next word if there is one.
          const positional: string[] = [];
          for (let k = 0; k < argv.length; k++) {
            const item = items[k];
            if ('word' in item) {
              positional.push(item.word);
            } else if (isFlag(item.option)) {
              assert.strictEqual(parsed.options[item.option], true);
            } else if (k + 1 < argv.length && 'word' in items[k + 1]) {
              k++;
            }
          }
          assert.deepStrictEqual(parsed.positional, positional);
        },
      ),
    );
  });
});
