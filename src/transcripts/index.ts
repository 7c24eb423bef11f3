/**
 * Import transcripts (issue 14 §1): Word, text, Markdown and caption files become Markdown
 * transcripts of the study. The conversion is src/core/transcripts; this is the command and its dialogs.
 */
import type { Feature } from '../feature';
import { ImportTranscripts } from './importTranscripts';

export type { ImportArgs, ImportSummary } from './importTranscripts';
export const transcriptsFeature: Feature<ImportTranscripts> = (ctx) => new ImportTranscripts(ctx.service);
