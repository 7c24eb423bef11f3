import * as assert from 'assert';
import * as vscode from 'vscode';
import { CODE_PALETTE } from '../../src/core/palette';
import { MIN_TEXT_CONTRAST, MIN_TINT_DELTA_E, blend, contrastRatio, deltaE } from '../../src/core/contrast';
import { themeColorsOf } from '../../src/coding/decorations';
import { api, until } from './util';

const THEMES: ReadonlyArray<[string, vscode.ColorThemeKind]> = [
  ['Default Light Modern', vscode.ColorThemeKind.Light],
  ['Default Dark Modern', vscode.ColorThemeKind.Dark],
  ['Default High Contrast', vscode.ColorThemeKind.HighContrast],
  ['Default High Contrast Light', vscode.ColorThemeKind.HighContrastLight],
];

/** A #rrggbbaa tint as it looks on the background. */
function onBackground(css: string, background: string): string {
  assert.match(css, /^#[0-9a-f]{8}$/);
  return blend(css.slice(0, 7), background, parseInt(css.slice(7), 16) / 255);
}

describe('highlight tints per theme (real extension host)', () => {
  after(async () => {
    await vscode.workspace.getConfiguration('workbench').update('colorTheme', undefined, vscode.ConfigurationTarget.Global);
  });

  for (const [theme, kind] of THEMES) {
    it(`every palette colour's tint stands out and keeps the text readable in ${theme}`, async () => {
      const { decorations } = await api();
      await vscode.workspace.getConfiguration('workbench').update('colorTheme', theme, vscode.ConfigurationTarget.Global);
      await until(`the theme ${theme}`, () => vscode.window.activeColorTheme.kind === kind || undefined);
      const { background, foreground } = themeColorsOf(kind);
      const dark = kind === vscode.ColorThemeKind.Dark || kind === vscode.ColorThemeKind.HighContrast;
      const highContrast = kind === vscode.ColorThemeKind.HighContrast || kind === vscode.ColorThemeKind.HighContrastLight;
      for (const color of CODE_PALETTE) {
        // The decoration type is remade when the theme changes: wait for the one of this theme.
        const options = await until(`the ${theme} tint of ${color}`, () => {
          const o = decorations.renderOptionsOf(color);
          const css = (dark ? o.dark : o.light)?.backgroundColor;
          return typeof css === 'string' && (!highContrast || o.borderColor) ? o : undefined;
        });
        const tint = onBackground(String((dark ? options.dark : options.light)!.backgroundColor), background);
        assert.ok(deltaE(tint, background) >= MIN_TINT_DELTA_E, `${color} in ${theme}: ΔE ${deltaE(tint, background).toFixed(1)}`);
        assert.ok(
          contrastRatio(tint, foreground) >= MIN_TEXT_CONTRAST,
          `${color} in ${theme}: text contrast ${contrastRatio(tint, foreground).toFixed(2)}`,
        );
        if (highContrast) {
          assert.strictEqual(options.borderColor, color, 'high contrast keeps the underline in the code colour');
        }
      }
    });
  }
});
