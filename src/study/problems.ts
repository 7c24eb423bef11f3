import * as vscode from 'vscode';
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import type { FileProblem } from '../core/schema';
import { formatProblem } from '../core/schema';
import type { VscodeFileSystem } from '../platform/vscodeFileSystem';

/** Shows problems of study files as diagnostics at the JSON path they name, and in an output channel. */
export class ProblemReporter implements vscode.Disposable {
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('codeboom');
  readonly output = vscode.window.createOutputChannel('Codeboom');

  /**
   * The problems have two sources that come and go apart: the study's files as last read ('study':
   * bad files, front-matter warnings) and the last save ('save': a read-only file, another writer's
   * lock). Reporting one source replaces only its own problems, so a failed save does not hide the
   * warnings of the files, and a save that succeeds again takes its error away.
   */
  private readonly sources = new Map<'study' | 'save', readonly FileProblem[]>();

  async report(fs: VscodeFileSystem, problems: readonly FileProblem[], source: 'study' | 'save' = 'study'): Promise<void> {
    const before = this.sources.get(source) ?? [];
    if (before.length === 0 && problems.length === 0) {
      return;
    }
    this.sources.set(source, problems);
    for (const p of problems) {
      this.output.appendLine(`[${new Date().toISOString()}] ${formatProblem(p)}`);
    }
    await this.render(fs);
  }

  /** Whether the last save left problems (they go when a save succeeds). */
  get hasSaveProblems(): boolean {
    return (this.sources.get('save') ?? []).length > 0;
  }

  private async render(fs: VscodeFileSystem): Promise<void> {
    this.diagnostics.clear();
    const byFile = new Map<string, FileProblem[]>();
    for (const p of [...(this.sources.get('study') ?? []), ...(this.sources.get('save') ?? [])]) {
      byFile.set(p.file, [...(byFile.get(p.file) ?? []), p]);
    }
    for (const [file, list] of byFile) {
      const uri = fs.uri(file);
      let text = '';
      try {
        text = new TextDecoder().decode(await fs.readFile(file));
      } catch {
        // The file may be gone; the diagnostic then sits at the top.
      }
      const tree = text ? parseTree(text) : undefined;
      const lines = text.split('\n');
      const positionAt = (offset: number): vscode.Position => {
        let line = 0;
        let rest = offset;
        while (line < lines.length && rest > lines[line].length) {
          rest -= lines[line].length + 1;
          line++;
        }
        return new vscode.Position(line, Math.max(0, rest));
      };
      this.diagnostics.set(
        uri,
        list.map((p) => {
          let range = new vscode.Range(0, 0, 0, 1);
          const lineCol = /line (\d+), column (\d+)/.exec(p.message);
          if (lineCol) {
            const pos = new vscode.Position(Number(lineCol[1]) - 1, Math.max(0, Number(lineCol[2]) - 1));
            range = new vscode.Range(pos, pos.translate(0, 1));
          } else if (tree && p.path.length) {
            let node = findNodeAtLocation(tree, [...p.path]);
            for (let i = p.path.length - 1; !node && i > 0; i--) {
              node = findNodeAtLocation(tree, p.path.slice(0, i));
            }
            if (node) {
              range = new vscode.Range(positionAt(node.offset), positionAt(node.offset + node.length));
            }
          }
          const d = new vscode.Diagnostic(
            range,
            p.message,
            p.severity === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Error,
          );
          d.source = 'Codeboom';
          return d;
        }),
      );
    }
  }

  clear(): void {
    this.sources.clear();
    this.diagnostics.clear();
  }

  dispose(): void {
    this.diagnostics.dispose();
    this.output.dispose();
  }
}
