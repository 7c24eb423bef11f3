// Builds the sample study's codeboom.json and codings from the facts of seed thesis 000 and the
// hand-written coding specs in scripts/sample-specs/. Run once by a developer; the output is
// committed, so nothing here is needed at run time. Usage: node scripts/build-sample.mjs [path/to/thesis000.json]
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const thesisPath = process.argv[2] ?? '../shared/reference/domain/thesis000.json';
const thesis = JSON.parse(readFileSync(thesisPath, 'utf8'));
const ROOT = 'sample/kennisdeling';

/** Deterministic RFC 4122-shaped ids, so rebuilding the sample keeps every id. */
function uuid(...parts) {
  const h = createHash('sha1').update(parts.join('\u0000')).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16], 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
const norm = (s) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

// ---- literature factors (§2.6)
const lit = thesis.literature_factors_2_6;
const factorByName = new Map();
const catalogue = {
  id: uuid('catalogue', '2.6'),
  name: 'Literatuurfactoren kennisdeling (§2.6)',
  source: 'Yang & Maxwell (2011); Binz-Scharf et al.; Pardo et al.; Easterby-Smith et al. (2008); Rashman et al. (2009)',
  categories: lit.categories.map((c) => ({
    id: uuid('category', c.category),
    name: c.category,
    factors: c.factors.map((f) => {
      const factor = { id: uuid('factor', c.category, f.factor), name: f.factor, authors: f.authors };
      factorByName.set(norm(f.factor), factor.id);
      return factor;
    }),
  })),
};
const nFactors = catalogue.categories.reduce((n, c) => n + c.factors.length, 0);

// ---- codebook: 8 empirical factors → 23 codes of Bijlage B
const DEFINITIONS = {
  'Hiërarchische inrichting van de rijksoverheid':
    'De verticale, verkokerde inrichting van de rijksoverheid die kennisdeling in een horizontaal netwerk belemmert.',
  'Gebrek aan urgentie': 'Kennisdeling krijgt geen prioriteit omdat het onderwerp (nog) niet urgent wordt gevonden.',
  'Beperkingen in communicatie en samenwerking': 'Belemmeringen in hoe leden elkaar bereiken, spreken en samenwerken.',
  'Aard van de materie': 'Eigenschappen van de kennis zelf (technologie) die delen moeilijk maken.',
  'Aanvullende perspectieven en kennisgebieden': 'Verschillende achtergronden en kennisgebieden die elkaar aanvullen.',
  'Enthousiasme en gedrevenheid': 'Persoonlijke interesse, motivatie en betrokkenheid die kennisdeling aanjagen.',
  Dynamiek: 'De onderlinge verhoudingen tussen leden: respect, begrip en vertrouwen.',
  'Informele structuur': 'Het informele, niet-hiërarchische karakter van het netwerk.',
  hiërarchie: 'Passages over hiërarchie, lijnorganisatie, verkokering en toestemming van bovenaf.',
  mandaat: 'Gebrek aan mandaat of eigenaarschap: niemand is formeel verantwoordelijk of mag besluiten.',
  middelen: 'Gebrek aan geld, capaciteit, uren of formatie voor het netwerk en kennisdeling.',
  ruimte: 'Gebrek aan ruimte of tijd die leidinggevenden medewerkers geven om deel te nemen.',
  urgentie: 'Het (ontbrekende) gevoel dat kennisdeling over het onderwerp nu nodig is.',
  'politieke druk': 'Mate waarin politieke aandacht of druk prioriteiten bepaalt.',
  kortetermijndenken: 'Focus op resultaten op korte termijn ten koste van investeringen in kennis.',
  context:
    'De bepalende context, vooral Covid-19, die andere onderwerpen verdringt en contact bemoeilijkt. Dient ook de factor "Beperkingen in communicatie en samenwerking".',
  verbinding: 'Mate van verbinding tussen leden onderling en met betrokkenen in de lijn.',
  communicatiemiddelen: 'Geschiktheid van de gebruikte middelen: nieuwsbrief, e-mail, Teams, platforms.',
  complexiteit: 'Mate van complexiteit van de technologie en de kennis erover.',
  abstractie: 'Mate waarin het onderwerp abstract en moeilijk concreet te maken is.',
  kennisniveau: 'Verschillen in en het niveau van kennis bij deelnemers en organisaties.',
  absorptie: 'Vermogen van organisaties om nieuwe kennis op te nemen en in te schatten.',
  diversiteit: 'Diversiteit van achtergronden: beleid, uitvoering, wetenschap, bedrijfsleven.',
  enthousiasme: 'Interesse, motivatie en gedrevenheid van (kern)leden.',
  samenstelling: 'De samenstelling van het netwerk en het kernteam.',
  'maatschappelijk belang': 'Bijdrage aan maatschappelijke doelstellingen als drijfveer.',
  respect: 'Mate van respect en openheid tussen deelnemers.',
  begrip: 'Mate van begrip voor elkaars positie, taal en belangen.',
  vertrouwen: 'Mate van vertrouwen tussen deelnemers, ook om onaf werk te delen.',
  flexibiliteit: 'Flexibiliteit van het netwerk: vormvrij, aanpasbaar, zonder verplichtingen.',
  laagdrempeligheid: 'Laagdrempelige deelname: makkelijk aansluiten, vragen stellen, meedoen.',
};
const COLORS = {
  'Hiërarchische inrichting van de rijksoverheid': ['#c0392b', '#e15759', '#d35400', '#f28e2b'],
  'Gebrek aan urgentie': ['#8e6c8a', '#b07aa1', '#9c27b0', '#ff9da7', '#7b1fa2'],
  'Beperkingen in communicatie en samenwerking': ['#9c755f', '#a0522d', '#bab0ac'],
  'Aard van de materie': ['#edc948', '#b8860b', '#e6a700', '#c9a227', '#8d6e00'],
  'Aanvullende perspectieven en kennisgebieden': ['#4e79a7', '#1f77b4'],
  'Enthousiasme en gedrevenheid': ['#59a14f', '#2e7d32', '#76b7b2', '#43a047'],
  Dynamiek: ['#17becf', '#00838f', '#26a69a', '#0097a7'],
  'Informele structuur': ['#3f51b5', '#5c6bc0', '#7986cb'],
};

const codes = [];
const codeIdByName = new Map();
const synth = thesis.synthesis_table_5_2.rows;
for (const g of thesis.codeboom.grouping_by_empirical_factor) {
  const colors = COLORS[g.factor];
  const groupId = uuid('code', g.factor);
  codes.push({ id: groupId, name: g.factor, color: colors[0], polarity: g.effect, origin: 'empirical', definition: DEFINITIONS[g.factor] });
  codeIdByName.set(g.factor, groupId);
  const names = [];
  if (g.factor_level_code) names.push(g.factor_level_code);
  for (const p of g.patterns) if (p.code && !names.includes(p.code) && !codeIdByName.has(p.code)) names.push(p.code);
  names.forEach((name, i) => {
    if (codeIdByName.has(name)) return;
    const pattern = g.patterns.find((p) => p.code === name);
    const row = synth.find((r) => r.code === name);
    const aliases = [
      ...new Set(
        [pattern?.pattern_5_2_wording, pattern?.pattern_ch4_table_wording].filter((a) => a && !a.startsWith('(') && norm(a) !== norm(name)),
      ),
    ];
    const id = uuid('code', name);
    codeIdByName.set(name, id);
    codes.push({
      id,
      name,
      parent: groupId,
      color: colors[(i + 1) % colors.length],
      polarity: g.effect,
      origin: row && !row.nieuw ? 'literature' : 'empirical',
      ...(aliases.length ? { aliases } : {}),
      definition: DEFINITIONS[name],
      ...(row?.analyse_samenvatting ? { memo: row.analyse_samenvatting } : {}),
    });
  });
}

// ---- links code ↔ literature factor: §5.2 (afkomst factor) and the factor-level rows of §4.4.3/§4.4.4
const links = new Map();
const missing = [];
const link = (codeName, factorName) => {
  const code = codeIdByName.get(codeName);
  const factor = factorByName.get(norm(factorName)) ?? factorByName.get(norm(factorName.replace('Politieke- en', 'Politieke en')));
  if (!code || !factor) {
    missing.push(`${codeName} ↔ ${factorName}`);
    return;
  }
  links.set(code + factor, { code, factor });
};
for (const r of synth) {
  if (!r.code || r.nieuw || !Array.isArray(r.afkomst_factor)) continue;
  for (const a of r.afkomst_factor) link(r.code, a.literature_factor);
}
for (const t of thesis.pattern_literature_tables_ch4.tables) {
  for (const row of t.rows) {
    if (row.patroon === 'N.v.t.' && row.factor_uit_literatuur !== 'N.v.t.')
      link(t.factor.replace('Aanvullende perspectieven', 'Aanvullende perspectieven en kennisgebieden'), row.factor_uit_literatuur);
  }
}

const respondents = thesis.respondents_table_3_3.rows.map((r) => ({
  id: r.respondent_id,
  ...(r.netwerk_case !== 'n.v.t.' ? { case: r.netwerk_case } : { case: 'Focusgroep' }),
  function: r.functie_en_organisatie,
  functionType: r.functiesoort,
  ...(r.is_focus_group ? { focusGroup: true } : {}),
}));

const project = {
  schemaVersion: 1,
  name: 'Kennisdeling in startende technologie-CoP’s',
  description:
    'Voorbeeldstudie naar factoren die kennisdeling belemmeren of stimuleren in twee communities of practice van de rijksoverheid (NDS en QIHR). Fictieve transcripten; codeboom en literatuurfactoren volgen de scriptie "To share or not to share" (2021).',
  transcriptFolders: ['transcripts'],
  attributeKeys: { case: 'case', respondent: 'respondent', interview: 'interview' },
  cases: thesis.cases
    .map((c) => ({ id: c.id, name: c.name, description: `${c.technology}; trekker: ${c.trekker}; sinds ${c.since}; ${c.participants}.` }))
    .concat([
      {
        id: 'Focusgroep',
        name: 'Focusgroep Netwerkwijzer',
        description: 'Twee sessies met de werkgroep Netwerkwijzer om de patronen te toetsen.',
      },
    ]),
  respondents,
  coders: [
    { id: 'eva', name: 'Eva Jansen' },
    { id: 'sam', name: 'Sam de Boer' },
  ],
  codes,
  catalogues: [catalogue],
  links: [...links.values()],
};

// ---- codings from the specs
const CONTEXT = 32;
const specDir = 'scripts/sample-specs';
rmSync(join(ROOT, '.codeboom'), { recursive: true, force: true });
let total = 0;
const perCode = new Map();
const created = (doc, i) => new Date(Date.UTC(2020, 10, 2 + (doc.charCodeAt(12) % 20), 9 + (i % 8), (i * 7) % 60)).toISOString();
function anchor(text, start, end) {
  return {
    start,
    end,
    quote: text.slice(start, end),
    prefix: text.slice(Math.max(0, start - CONTEXT), start),
    suffix: text.slice(end, end + CONTEXT),
  };
}
function write(doc, coder, codings) {
  codings.sort((a, b) => a.start - b.start || a.end - b.end || (a.id < b.id ? -1 : 1));
  const body = codings.map((c) => '    ' + JSON.stringify(c, null, 2).replace(/\n/g, '\n    ')).join(',\n');
  const text = `{\n  "schemaVersion": 1,\n  "document": ${JSON.stringify(doc)},\n  "coder": ${JSON.stringify(coder)},\n  "offsetEncoding": "utf-16",\n  "codings": [${codings.length ? '\n' + body + '\n  ' : ''}]\n}\n`;
  const path = join(ROOT, '.codeboom/codings', `${doc}.${coder}.json`);
  mkdirSync(path.slice(0, path.lastIndexOf('/')), { recursive: true });
  writeFileSync(path, text);
}
const outputs = [];
const SECOND_CODER_DOCS = new Set(['A-1', 'D-1']);
for (const file of readdirSync(specDir)
  .filter((f) => f.endsWith('.json'))
  .sort()) {
  const id = file.replace(/\.json$/, '');
  const doc = `transcripts/${id}.md`;
  const text = readFileSync(join(ROOT, doc), 'utf8');
  const spec = JSON.parse(readFileSync(join(specDir, file), 'utf8'));
  const eva = [];
  const sam = [];
  spec.forEach((entry, i) => {
    const start = text.indexOf(entry.quote);
    if (start < 0 || text.indexOf(entry.quote, start + 1) >= 0) throw new Error(`${file}[${i}]: quote not found exactly once`);
    const codeIds = entry.codes.map((n) => {
      const cid = codeIdByName.get(n);
      if (!cid) throw new Error(`${file}[${i}]: unknown code ${n}`);
      perCode.set(n, (perCode.get(n) ?? 0) + 1);
      return cid;
    });
    const end = start + entry.quote.length;
    eva.push({
      id: uuid('coding', id, 'eva', String(i)),
      codes: codeIds,
      ...anchor(text, start, end),
      created: created(doc, i),
      ...(entry.memo ? { memo: entry.memo } : {}),
    });
    if (SECOND_CODER_DOCS.has(id)) {
      // The second coder agrees mostly, but skips some passages, cuts others differently and
      // sometimes picks another code — the raw material of an agreement check.
      if (i % 7 === 3) return;
      let s = start;
      let e = end;
      if (i % 5 === 1) {
        const para = text.lastIndexOf('\n', start) + 1;
        const label = /^\*\*[^*]+:\*\* /.exec(text.slice(para, para + 40));
        s = Math.max(para + (label ? label[0].length : 0), text.lastIndexOf('. ', start - 3) + 2);
      }
      if (i % 6 === 2) {
        const cut = text.lastIndexOf(' ', start + Math.floor((end - start) * 0.7));
        if (cut > start) e = cut;
      }
      let samCodes = codeIds;
      if (i % 8 === 5) {
        const alt = codes.find((c) => c.parent && c.parent === codes.find((x) => x.id === codeIds[0])?.parent && c.id !== codeIds[0]);
        if (alt) samCodes = [alt.id];
      }
      sam.push({ id: uuid('coding', id, 'sam', String(i)), codes: samCodes, ...anchor(text, s, e), created: created(doc, i + 3) });
    }
  });
  outputs.push([doc, 'eva', eva]);
  if (sam.length) outputs.push([doc, 'sam', sam]);
}
// A researcher also codes the clearest passages with the empirical factor itself: per factor, the
// two longest passages coded with one of its patterns (by the main coder) get the factor's code too.
for (const group of codes.filter((c) => !c.parent)) {
  const children = new Set(codes.filter((c) => c.parent === group.id).map((c) => c.id));
  const candidates = outputs
    .filter(([, coder]) => coder === 'eva')
    .flatMap(([, , list]) => list)
    .filter((c) => c.codes.some((x) => children.has(x)) && !c.codes.includes(group.id))
    .sort((a, b) => b.quote.length - a.quote.length || (a.id < b.id ? -1 : 1));
  for (const c of candidates.slice(0, 2)) c.codes = [group.id, ...c.codes];
}
for (const [doc, coder, list] of outputs) {
  write(doc, coder, list);
  total += list.length;
}

project.links.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : a.factor < b.factor ? -1 : 1));
writeFileSync(join(ROOT, 'codeboom.json'), JSON.stringify(project, null, 2) + '\n');
console.log(`codes ${codes.length}, factors ${nFactors}, links ${links.size}, codings ${total}`);
if (missing.length) console.log('links not resolved:', missing);
const unused = codes.filter((c) => c.parent && !perCode.has(c.name)).map((c) => c.name);
if (unused.length) console.log('codes without codings:', unused);
