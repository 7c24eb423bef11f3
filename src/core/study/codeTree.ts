/** The codebook's hierarchy: codes by id, children in codebook order, depths (remembered per code). */
import type { Code } from '../model';

export class CodeTree {
  private readonly byId = new Map<string, Code>();
  private readonly childIds = new Map<string | undefined, string[]>();
  private readonly depthCache = new Map<string, number>();
  /** Parents named by codes that are not in the list (those codes are top-level). */
  private readonly missingParents = new Set<string>();

  /** Indexes the codes again; a parent that is not in the list makes a code top-level. */
  rebuild(codes: readonly Code[]): void {
    this.byId.clear();
    this.depthCache.clear();
    this.childIds.clear();
    this.missingParents.clear();
    for (const c of codes) {
      this.byId.set(c.id, c);
    }
    for (const c of codes) {
      this.place(c);
    }
  }

  /**
   * Indexes a code added at the end of the list, as {@link rebuild} would; false (and nothing
   * changed) when only a rebuild can: the id is there already, or a code names it as its parent.
   */
  append(code: Code): boolean {
    if (this.byId.has(code.id) || this.missingParents.has(code.id)) {
      return false;
    }
    this.byId.set(code.id, code);
    this.place(code);
    return true;
  }

  private place(c: Code): void {
    const parent = c.parent !== undefined && this.byId.has(c.parent) ? c.parent : undefined;
    if (c.parent !== undefined && parent === undefined) {
      this.missingParents.add(c.parent);
    }
    let list = this.childIds.get(parent);
    if (!list) {
      list = [];
      this.childIds.set(parent, list);
    }
    list.push(c.id);
  }

  get(id: string): Code | undefined {
    return this.byId.get(id);
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  children(parent: string | undefined): Code[] {
    return (this.childIds.get(parent) ?? []).map((id) => this.byId.get(id)!);
  }

  /** The code and its ancestors, root first. */
  pathOf(id: string): Code[] {
    const out: Code[] = [];
    let cur = this.byId.get(id);
    while (cur) {
      out.push(cur);
      cur = cur.parent !== undefined ? this.byId.get(cur.parent) : undefined;
    }
    // Pushed and reversed: unshift is linear per call, quadratic on a deep chain.
    return out.reverse();
  }

  /** The code and all its descendants. */
  subtree(id: string): string[] {
    const out: string[] = [];
    const stack = [id];
    while (stack.length) {
      const cur = stack.pop()!;
      out.push(cur);
      const kids = this.childIds.get(cur);
      if (kids) {
        for (let i = kids.length - 1; i >= 0; i--) {
          stack.push(kids[i]);
        }
      }
    }
    return out;
  }

  /**
   * The codes below `parent` (all codes when undefined) in tree order, depth first with siblings in
   * codebook order, each with its depth under `parent`. With a stack, not recursion: a codebook from
   * a file can be deeper than the JS stack. `skip` leaves a code out with its subtree.
   */
  treeOrder(parent?: string, skip?: (code: Code) => boolean): Array<{ code: Code; depth: number }> {
    const out: Array<{ code: Code; depth: number }> = [];
    const stack: Array<{ code: Code; depth: number }> = [];
    const pushChildren = (id: string | undefined, depth: number): void => {
      const kids = this.children(id);
      for (let i = kids.length - 1; i >= 0; i--) {
        if (!skip?.(kids[i])) {
          stack.push({ code: kids[i], depth });
        }
      }
    };
    pushChildren(parent, 0);
    while (stack.length > 0) {
      const next = stack.pop()!;
      out.push(next);
      pushChildren(next.code.id, next.depth + 1);
    }
    return out;
  }

  /** 0 for a top-level code. Remembered per code, so that the depths of all codes cost one walk. */
  depthOf(id: string): number {
    const known = this.depthCache.get(id);
    if (known !== undefined) {
      return known;
    }
    const walk: string[] = [];
    let cur = this.byId.get(id);
    let base = -1;
    while (cur) {
      const d = this.depthCache.get(cur.id);
      if (d !== undefined) {
        base = d;
        break;
      }
      walk.push(cur.id);
      cur = cur.parent !== undefined ? this.byId.get(cur.parent) : undefined;
    }
    for (let i = walk.length - 1; i >= 0; i--) {
      this.depthCache.set(walk[i], ++base);
    }
    return this.depthCache.get(id) ?? -1;
  }
}
