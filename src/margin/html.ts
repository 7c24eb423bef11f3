import * as vscode from 'vscode';
import { contentSecurityPolicy, newNonce } from '../matrix/html';

function attr(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}

/**
 * The margin's page: the same strict Content-Security-Policy as the matrix panel (nothing by
 * default, the one bundled script by nonce, styles from the bundle or by nonce), and the bundled
 * script (dist/margin.js), which builds everything else.
 */
export function marginHtml(webview: vscode.Webview, extensionUri: vscode.Uri, title: string): string {
  const nonce = newNonce();
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'margin.js'));
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
