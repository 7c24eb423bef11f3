import { MemoryFileSystem } from '../../src/core/port';
import type { ProjectData } from '../../src/core/model';
import { emptyProject } from '../../src/core/model';
import { serializeProject } from '../../src/core/serialize';

export const TRANSCRIPT_A = `---
case: NDS
respondent: Respondent A
interview: 1
function_type: Uitvoering
date: 2020-10-06
---

# Interview Respondent A

**Interviewer:** Hoe wordt kennis gedeeld?

**Respondent A:** Er is geen mandaat om besluiten te nemen. Ook ontbreekt het aan middelen en capaciteit.

**Interviewer:** En het vertrouwen?

**Respondent A:** Het vertrouwen tussen de leden is groot, dat helpt enorm.
`;

export const TRANSCRIPT_D = `---
case: QIHR
respondent: Respondent D
interview: 1
---

**Respondent D:** Quantum is complex en abstract; het kennisniveau is laag. 🙂 Maar het enthousiasme is groot.
`;

export function smallProject(): ProjectData {
  return {
    ...emptyProject('Testproject'),
    transcriptFolders: ['transcripts'],
    cases: [{ id: 'NDS', name: 'Netwerk Digitale Simulaties' }, { id: 'QIHR' }],
    codes: [
      { id: 'hier', name: 'hiërarchie', color: '#4e79a7', polarity: 'belemmerend', origin: 'empirical' },
      { id: 'mandaat', name: 'mandaat', parent: 'hier', color: '#4e79a7', polarity: 'belemmerend', aliases: ['eigenaarschap'] },
      { id: 'middelen', name: 'middelen', parent: 'hier', color: '#f28e2b', definition: 'Geld, capaciteit en tijd.' },
      { id: 'vertrouwen', name: 'vertrouwen', color: '#59a14f', polarity: 'stimulerend' },
      { id: 'complex', name: 'complexiteit', color: '#e15759' },
    ],
    catalogues: [
      {
        id: 'lit',
        name: '§2.6',
        categories: [
          {
            id: 'org',
            name: 'Organisatorische factoren',
            factors: [{ id: 'f-rollen', name: 'Duidelijkheid van rollen en verantwoordelijkheden', authors: ['Yang & Maxwell, 2011'] }],
          },
          {
            id: 'pol',
            name: 'Politieke en beleidsfactoren',
            factors: [{ id: 'f-coord', name: 'Gebrek aan coördinatie', authors: ['Yang & Maxwell, 2011'] }],
          },
        ],
      },
    ],
    links: [
      { code: 'mandaat', factor: 'f-rollen' },
      { code: 'mandaat', factor: 'f-coord' },
    ],
  };
}

export function smallStudyFs(extra: Record<string, string> = {}): MemoryFileSystem {
  return new MemoryFileSystem({
    'codeboom.json': serializeProject(smallProject()),
    'transcripts/A-1.md': TRANSCRIPT_A,
    'transcripts/D-1.md': TRANSCRIPT_D,
    ...extra,
  });
}

export function offsetOf(text: string, needle: string): [number, number] {
  const i = text.indexOf(needle);
  if (i < 0) {
    throw new Error(`not found: ${needle}`);
  }
  return [i, i + needle.length];
}
