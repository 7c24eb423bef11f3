import * as vscode from 'vscode';
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import type { FileProblem } from '../core/schema';
import { formatProblem } from '../core/schema';
import type { VscodeFileSystem } from '../platform/vscodeFileSystem';

/** Shows problems of study files as diagnostics at the JSON path they name, and in an output channel. */
export class ProblemReporter implements vscode.Disposable {
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('codeboom');
  readonly output = vscode.window.createOutputChannel('Codeboom');

  async report(fs: VscodeFileSystem, problems: readonly FileProblem[]): Promise<void> {
    this.diagnostics.clear();
    const byFile = new Map<string, FileProblem[]>();
    for (const p of problems) {
      byFile.set(p.file, [...(byFile.get(p.file) ?? []), p]);
      this.output.appendLine(`[${new Date().toISOString()}] ${formatProblem(p)}`);
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
          const d = new vscode.Diagnostic(range, p.message, p.severity === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Error);
          d.source = 'Codeboom';
          return d;
        }),
      );
    }
  }

  clear(): void {
    this.diagnostics.clear();
  }

  dispose(): void {
    this.diagnostics.dispose();
    this.output.dispose();
  }
}
