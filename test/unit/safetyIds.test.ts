/**
 * Colliding coding ids and misnamed codings files are reported with file and place, not silently merged.
 */
import * as assert from 'assert';
import { StudyStore } from '../../src/core/store';
import { serializeCodingFile } from '../../src/core/serialize';
import { smallStudyFs } from './helpers';
import { DOC, EVA, codingOn } from './safetyHelpers';

describe('data safety: coding ids and codings file names', () => {
  it('reports two codings with one id in a file (a hand-resolved merge conflict) and opens read-only', async () => {
    const one = codingOn('geen mandaat', ['mandaat'], 'same');
    const other = { ...codingOn('middelen', ['middelen'], 'same') };
    const fs = smallStudyFs({ [EVA]: serializeCodingFile(DOC, 'eva', [one, other]) });
    const { study, problems } = await StudyStore.open(fs);
    assert.strictEqual(study.readOnly, true);
    assert.ok(
      problems.some((p) => p.file === EVA && p.path.join('.') === 'codings.1.id' && /duplicate/.test(p.message)),
      JSON.stringify(problems),
    );
  });

  it('reports a coding id used in two files (a copied codings file) and opens read-only', async () => {
    const SAM = '.codeboom/codings/transcripts/A-1.md.sam.json';
    const eva = codingOn('geen mandaat', ['mandaat'], 'same');
    const sam = codingOn('geen mandaat', ['mandaat'], 'same', 'sam');
    const fs = smallStudyFs({ [EVA]: serializeCodingFile(DOC, 'eva', [eva]), [SAM]: serializeCodingFile(DOC, 'sam', [sam]) });
    const { study, problems } = await StudyStore.open(fs);
    assert.strictEqual(study.readOnly, true);
    assert.ok(
      problems.some((p) => p.file === SAM && p.path.join('.') === 'codings.0.id' && /also in/.test(p.message)),
      JSON.stringify(problems),
    );
  });

  it('reports a codings file whose document or coder does not match its name', async () => {
    const wrong = '.codeboom/codings/transcripts/D-1.md.eva.json';
    const fs = smallStudyFs({ [wrong]: serializeCodingFile(DOC, 'eva', [codingOn('geen mandaat', ['mandaat'], 'one')]) });
    const { study, problems } = await StudyStore.open(fs);
    assert.strictEqual(study.readOnly, true);
    assert.ok(
      problems.some((p) => p.file === wrong && p.path.join('.') === 'document' && p.message.includes(EVA)),
      JSON.stringify(problems),
    );
    const SAM = '.codeboom/codings/transcripts/A-1.md.sam.json';
    const renamed = await StudyStore.open(
      smallStudyFs({ [SAM]: serializeCodingFile(DOC, 'eva', [codingOn('geen mandaat', ['mandaat'], 'one')]) }),
    );
    assert.ok(
      renamed.problems.some((p) => p.file === SAM && p.path.join('.') === 'coder'),
      JSON.stringify(renamed.problems),
    );
  });

  it('refuses a codings file changed on disk that reuses an id of another file', async () => {
    const SAM = '.codeboom/codings/transcripts/A-1.md.sam.json';
    const fs = smallStudyFs({ [EVA]: serializeCodingFile(DOC, 'eva', [codingOn('geen mandaat', ['mandaat'], 'same')]) });
    const { store, study } = await StudyStore.open(fs);
    fs.set(SAM, serializeCodingFile(DOC, 'sam', [codingOn('geen mandaat', ['mandaat'], 'same', 'sam')]));
    await assert.rejects(store.fileChanged(SAM), /also in/);
    assert.strictEqual(study.coding('same')!.coder, 'eva', 'the codings in memory are untouched');
  });
});
