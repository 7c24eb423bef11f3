import * as vscode from 'vscode';

/** Small coloured squares for quick picks and tree items, written once per colour to global storage. */
export class ColorIcons {
  private readonly cache = new Map<string, vscode.Uri>();
  private readonly folder: vscode.Uri;

  constructor(storage: vscode.Uri) {
    this.folder = vscode.Uri.joinPath(storage, 'color-icons');
  }

  async prepare(colors: Iterable<string>): Promise<void> {
    await vscode.workspace.fs.createDirectory(this.folder);
    await Promise.all([...new Set(colors)].filter((c) => !this.cache.has(c)).map((c) => this.write(c)));
  }

  /** The icon of a colour; write it first with {@link prepare}. Undefined until then. */
  icon(color: string): vscode.Uri | undefined {
    return this.cache.get(color);
  }

  private async write(color: string): Promise<void> {
    const safe = /^#[0-9a-fA-F]{6}$/.test(color) ? color : '#888888';
    const uri = vscode.Uri.joinPath(this.folder, `${safe.slice(1).toLowerCase()}.svg`);
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 16 16"><rect x="2" y="2" width="12" height="12" rx="3" fill="${safe}"/></svg>`;
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(svg));
    this.cache.set(color, uri);
  }
}
