/**
 * The suggestion engine of an open study: a {@link SuggestModel} built on the first request (never
 * at activation) and kept in step with every coding change afterwards, one transcript at a time.
 */
import type { Disposable } from '../events';
import type { Coding } from '../model';
import type { Study, StudyChange } from '../study';
import { isCounted } from '../counting';
import { analyzer, loadStemmers, suggestLanguage } from './analyzer';
import { SuggestModel } from './model';
import type { RankOptions, Suggestion } from './model';
import type { IndexedPassage } from './passageIndex';

export class StudySuggester implements Disposable {
  private model: SuggestModel | undefined;
  /** What the model holds, per transcript: the coding objects it was given (they are immutable). */
  private readonly known = new Map<string, Map<string, Coding>>();
  private readonly listener: Disposable;

  constructor(private readonly study: Study) {
    this.listener = study.onDidChange((e) => this.changed(e));
  }

  /** Whether the model has been built (it is, on the first suggestion). */
  get built(): boolean {
    return this.model !== undefined;
  }

  /** Loads what the model needs and builds it: before the first {@link suggest}. */
  async prepare(): Promise<void> {
    await loadStemmers();
    this.ensure();
  }

  /** The codes for a passage, best first; `skipCoding` keeps that coding from voting for itself. */
  suggest(text: string, options: RankOptions & { readonly skipCoding?: string } = {}): Suggestion[] {
    const skipCoding = options.skipCoding;
    const skip = skipCoding === undefined ? options.skip : (p: IndexedPassage) => p.id === skipCoding || (options.skip?.(p) ?? false);
    const model = this.ensure();
    return model.rank(this.study, text, { ...options, skip }).filter((s) => this.study.code(s.code) !== undefined);
  }

  /** The model, built now if it was not yet (after {@link prepare} once). */
  ensure(): SuggestModel {
    if (!this.model) {
      const model = new SuggestModel(
        analyzer(
          suggestLanguage(
            this.study.project.language,
            (function* (s: Study) {
              for (const c of s.allCodings()) {
                yield c.quote;
              }
            })(this.study),
          ),
        ),
      );
      this.model = model;
      this.known.clear();
      for (const doc of new Set([...this.study.allCodings()].map((c) => c.doc))) {
        this.sync(doc);
      }
    }
    return this.model;
  }

  dispose(): void {
    this.listener.dispose();
    this.model = undefined;
    this.known.clear();
  }

  private changed(e: StudyChange): void {
    if (!this.model) {
      return;
    }
    if (e.reloaded || e.documents) {
      // Everything (or which transcripts count) changed: built again on the next request.
      this.model = undefined;
      this.known.clear();
      return;
    }
    for (const doc of e.docs) {
      this.sync(doc);
    }
  }

  /** Brings one transcript's passages in step with the study: removed and changed out, new and changed in. */
  private sync(doc: string): void {
    const model = this.model!;
    const before = this.known.get(doc) ?? new Map<string, Coding>();
    const now = new Map<string, Coding>();
    for (const c of this.study.codingsOf(doc)) {
      if (isCounted(this.study, c)) {
        now.set(c.id, c);
      }
    }
    for (const [id, c] of before) {
      if (now.get(id) !== c) {
        model.removeCoding(id);
      }
    }
    for (const [id, c] of now) {
      if (before.get(id) !== c) {
        model.addCoding(c);
      }
    }
    if (now.size > 0) {
      this.known.set(doc, now);
    } else {
      this.known.delete(doc);
    }
  }
}

const suggesters = new WeakMap<Study, StudySuggester>();

/** The study's one engine, made on the first call. */
export function suggesterFor(study: Study): StudySuggester {
  let s = suggesters.get(study);
  if (!s) {
    s = new StudySuggester(study);
    suggesters.set(study, s);
  }
  return s;
}
