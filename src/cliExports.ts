/** The CLI's exports: each a pure function of the study, written by the CLI to a file or stdout. */
import type { ParsedArgs } from './cli';
import type { Study } from './core/study';
import type { StudyStore } from './core/store';
import { encodeText } from './core/port';
import { agreement, agreementMarkdown, coderPairs } from './core/agreement';
import { saturation, saturationMarkdown, saturationSvg } from './core/saturation';

export interface ExportContext {
  readonly study: Study;
  readonly store: StudyStore;
  readonly options: ParsedArgs['options'];
  readonly studyDir: string;
}

export interface Exporter {
  readonly description: string;
  run(ctx: ExportContext): Promise<{ data: Uint8Array; binary?: boolean }>;
}

const text = (s: string) => ({ data: encodeText(s) });

export const EXPORTS: Record<string, Exporter> = {
  agreement: {
    description: 'intercoder agreement of two coders (Markdown) [--coders a,b]',
    async run({ study, store, options }) {
      const pair = typeof options['coders'] === 'string' ? (options['coders'].split(',') as [string, string]) : coderPairs(study)[0];
      if (!pair) {
        throw new Error('no two coders coded the same transcript');
      }
      return text(agreementMarkdown(study, agreement(study, pair[0], pair[1], (d) => store.text(d))));
    },
  },
  saturation: {
    description: 'new codes per transcript in interview order (Markdown; --format svg for the chart)',
    async run({ study, options }) {
      const points = saturation(study);
      return text(options['format'] === 'svg' ? saturationSvg(points) : saturationMarkdown(study, points));
    },
  },
};

export function exportHelp(): string {
  return [
    'codeboom export <what> [study] [--out FILE] [options]',
    '',
    ...Object.entries(EXPORTS).map(([k, e]) => `  ${k.padEnd(16)} ${e.description}`),
    '',
    'Without --out, text exports go to standard output.',
  ].join('\n');
}
