// The core speaks the language of a bundle read from l10n/ (the CLI's --lang), English without one.
import * as assert from 'assert';
import * as path from 'path';
import { Study, StudyError } from '../../src/core/study';
import { saturationMarkdown } from '../../src/core/saturation';
import { describeErrorText } from '../../src/core/errors';
import { loadL10nBundle } from '../../src/node/l10nBundle';
import { smallProject } from './helpers';

const REPO = path.resolve(__dirname, '../../..');

function refusal(): StudyError {
  const study = new Study(smallProject());
  try {
    study.transact('remove', [{ kind: 'removeCode', id: 'nope' }]);
  } catch (e) {
    assert.ok(e instanceof StudyError);
    return e;
  }
  assert.fail('no refusal');
}

describe('localisation of the core outside VS Code (loadL10nBundle)', () => {
  afterEach(() => {
    loadL10nBundle('en', REPO);
  });

  it('without a bundle the core speaks English', () => {
    assert.strictEqual(refusal().message, 'No code nope.');
  });

  it('after loading the Dutch bundle the core’s refusals, reports and file errors come out in Dutch', () => {
    assert.strictEqual(loadL10nBundle('nl', REPO), true);
    const e = refusal();
    assert.strictEqual(e.message, 'Geen code nope.');
    assert.deepStrictEqual(e.args, ['nope']);
    assert.match(saturationMarkdown(new Study(smallProject()), []), /^# Verzadiging: nieuwe codes per transcript/);
    assert.match(describeErrorText(Object.assign(new Error('EISDIR'), { code: 'EISDIR' }), 'f.json'), /^f\.json is een map/);
    // An English template handed to a StudyError is translated too.
    assert.strictEqual(new StudyError('No code {0}.', 'x').message, 'Geen code x.');
  });

  it('English by name, and an unknown language, leave the core in English', () => {
    assert.strictEqual(loadL10nBundle('nl', REPO), true);
    assert.strictEqual(loadL10nBundle('en', REPO), true);
    assert.strictEqual(refusal().message, 'No code nope.');
    assert.strictEqual(loadL10nBundle('xx', REPO), false);
    assert.strictEqual(refusal().message, 'No code nope.');
    assert.strictEqual(loadL10nBundle('../../etc/passwd', REPO), false);
  });
});
