/** The HTML of Codeboom's webview pages, with one Content-Security-Policy for all of them. */
import * as vscode from 'vscode';

/**
 * The webview's Content-Security-Policy: nothing by default; the one bundled script (by nonce);
 * styles only from the bundle's origin or with the nonce (the webview adopts constructed
 * stylesheets, which need no inline styles); images and fonts from the bundle only.
 */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    `default-src 'none'`,
    `img-src ${cspSource} data:`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
}

export function newNonce(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function attr(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}

/**
 * A webview page of Codeboom (the matrix panel: dist/webview.js; the coding margin: dist/margin.js):
 * the strict CSP above, and the one bundled script, which builds everything else.
 */
export function webviewPage(webview: vscode.Webview, extensionUri: vscode.Uri, bundle: string, title: string): string {
  const nonce = newNonce();
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', bundle));
  return `<!DOCTYPE html>
<html lang="${attr(vscode.env.language)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${attr(contentSecurityPolicy(webview.cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${attr(title)}</title>
</head>
<body>
<script nonce="${nonce}" src="${attr(script.toString())}"></script>
</body>
</html>`;
}
