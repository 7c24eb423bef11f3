/**
 * Matrix and co-occurrence measures, with baselines measured in the same run: the same
 * GROUP BY in SQLite (better-sqlite3@12, installed on demand by `npm run bench` into
 * ~/.cache/codeboom-bench) and a naive Map loop over the codings.
 */
import * as os from 'os';
import * as path from 'path';
import { MatrixIndex, computeMatrix, updateMatrixIndex } from '../../src/core/matrix';
import type { Study } from '../../src/core/study';
import type { Row } from './bench';
import { stats, time } from './bench';

interface Sqlite {
  prepare(sql: string): { run(...a: unknown[]): unknown; all(...a: unknown[]): unknown[] };
  exec(sql: string): void;
  transaction<T extends (...a: never[]) => unknown>(fn: T): T;
  close(): void;
}

function loadSqlite(): (new (file: string) => Sqlite) | undefined {
  const dir = process.env.CODEBOOM_BENCH_DEPS ?? path.join(os.homedir(), '.cache', 'codeboom-bench', 'node_modules');
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(path.join(dir, 'better-sqlite3')) as new (file: string) => Sqlite;
  } catch {
    return undefined;
  }
}

export default async function benchMatrix(ctx: { study: Study }): Promise<Row[]> {
  const study = ctx.study;
  const rows: Row[] = [];
  const n = study.codingCount;

  const build = await time(5, () => new MatrixIndex(study));
  const index = new MatrixIndex(study);
  const byCase = { rows: 'tree', columns: { kind: 'case' }, measure: 'codings', filters: {} } as const;
  computeMatrix(index, byCase);
  const codeCase = await time(50, () => computeMatrix(index, { ...byCase }));
  const topCase = await time(50, () => computeMatrix(index, { ...byCase, rows: 'top' }));

  // Naive baseline: a Map keyed by code and case, one pass over the codings.
  const naive = await time(20, () => {
    const m = new Map<string, number>();
    for (const c of study.allCodings()) {
      const cs = study.caseOf(c.doc) ?? '';
      for (const code of c.codes) {
        const k = code + '\u0000' + cs;
        m.set(k, (m.get(k) ?? 0) + 1);
      }
    }
    return m;
  });

  let sqliteMedian: number | undefined;
  let sqliteCooc: number | undefined;
  const Database = loadSqlite();
  if (Database) {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE cc (coding INTEGER, code TEXT, doc TEXT, cas TEXT, s INTEGER, e INTEGER); CREATE INDEX cc_doc ON cc(doc, s)');
    const insert = db.prepare('INSERT INTO cc VALUES (?, ?, ?, ?, ?, ?)');
    const fill = db.transaction(() => {
      let i = 0;
      for (const c of study.allCodings()) {
        i++;
        for (const code of c.codes) {
          insert.run(i, code, c.doc, study.caseOf(c.doc) ?? '', c.start, c.end);
        }
      }
    });
    fill();
    const q = db.prepare('SELECT code, cas, COUNT(*) AS n FROM cc GROUP BY code, cas');
    sqliteMedian = stats(await time(20, () => q.all())).median;
    const cooc = db.prepare(
      'SELECT a.code, b.code, COUNT(DISTINCT a.coding) FROM cc a JOIN cc b ON a.doc = b.doc AND a.s < b.e AND b.s < a.e AND a.coding <> b.coding GROUP BY 1, 2',
    );
    sqliteCooc = stats(await time(3, () => cooc.all())).median;
    db.close();
  }

  const s = stats(codeCase);
  const goalMet = s.median < 5 && (sqliteMedian === undefined || sqliteMedian / s.median >= 10);
  rows.push({
    id: 'matrix',
    measure: `code × case matrix, code tree with subtree totals (${n.toLocaleString('en')} codings, index built)`,
    ...s,
    unit: 'ms',
    baseline:
      sqliteMedian !== undefined
        ? { name: 'SQLite GROUP BY code, case (better-sqlite3)', median: sqliteMedian }
        : { name: 'naive Map loop', median: stats(naive).median },
    goal: '< 5 ms and ≥ 10× faster than SQLite',
    met: goalMet,
    note: `naive Map loop ${stats(naive).median.toFixed(2)} ms; top level only ${stats(topCase).median.toFixed(2)} ms${sqliteMedian === undefined ? '; SQLite not available' : ''}`,
  });
  rows.push(await liveMatrix(study));
  const b = stats(build);
  rows.push({
    id: 'indexBuild',
    measure: 'matrix index build after a study change (once, then shared by every view)',
    ...b,
    unit: 'ms',
    goal: 'report',
  });

  computeMatrix(index, { rows: 'top', columns: { kind: 'code' }, measure: 'codings', filters: {} });
  const cooc = await time(10, () => computeMatrix(index, { rows: 'top', columns: { kind: 'code' }, measure: 'codings', filters: {} }));
  const coocTree = await time(5, () => computeMatrix(index, { rows: 'tree', columns: { kind: 'code' }, measure: 'codings', filters: {} }));
  const c = stats(cooc);
  rows.push({
    id: 'cooccurrence',
    measure: 'co-occurrence (codes × codes on overlapping passages), top level',
    ...c,
    unit: 'ms',
    ...(sqliteCooc !== undefined ? { baseline: { name: 'SQLite self-join on overlapping spans', median: sqliteCooc } } : {}),
    goal: '< 5 ms',
    met: c.median < 5,
    note: `whole tree (300 × 300): ${stats(coocTree).median.toFixed(1)} ms`,
  });

  return rows;
}

/**
 * One coding added, recoded or removed, then the matrix the open panel shows (code tree × case):
 * with the index kept up to date from the study's change events, against building it again.
 */
async function liveMatrix(study: Study): Promise<Row> {
  const options = { rows: 'tree', columns: { kind: 'case' }, measure: 'codings', filters: {} } as const;
  const doc = study.documents[50 % study.documents.length].path;
  const codes = study.codes.filter((c) => study.children(c.id).length === 0).map((c) => c.id);
  let k = 0;
  // add, recode, remove: every change of the three kinds in turn, the study as it was after each three
  const change = () => {
    const i = k++;
    const id = `bench-live-${Math.floor(i / 3)}`;
    if (i % 3 === 0) {
      const start = 1000 + (i % 5000);
      study.transact('bench', [
        {
          kind: 'addCoding',
          coding: {
            id,
            doc,
            coder: 'eva',
            codes: [codes[i % codes.length]],
            start,
            end: start + 50,
            quote: '',
            prefix: '',
            suffix: '',
            created: '2021-01-01T00:00:00Z',
          },
        },
      ]);
    } else if (i % 3 === 1) {
      study.transact('bench', [{ kind: 'updateCoding', id, patch: { codes: [codes[(i * 7) % codes.length]] } }]);
    } else {
      study.transact('bench', [{ kind: 'removeCoding', id }]);
    }
  };
  let live = new MatrixIndex(study);
  computeMatrix(live, options);
  const sub = study.onDidChange((c) => {
    if (!updateMatrixIndex(live, c)) {
      live = new MatrixIndex(study);
    }
  });
  const incremental = await time(60, () => {
    change();
    return computeMatrix(live, options);
  });
  sub.dispose();
  const rebuild = await time(30, () => {
    change();
    return computeMatrix(new MatrixIndex(study), options);
  });
  study.clearHistory();
  study.dirtyPartitions.clear();
  const s = stats(incremental);
  const goal = study.codingCount >= 200_000 ? 16 : 5;
  return {
    id: 'liveMatrix',
    measure: `one coding added, recoded or removed → the panel's matrix up to date (index updated from the change event + code × case)`,
    ...s,
    unit: 'ms',
    baseline: { name: 'build the index again + code × case', median: stats(rebuild).median },
    goal: '< 5 ms at 50,000 codings, < 16 ms at 200,000',
    met: s.median < goal,
  };
}
