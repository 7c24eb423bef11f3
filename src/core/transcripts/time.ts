/** Clock times of captions and transcripts: `00:12:34.567`, `12:34,5`, `1:02:03` to seconds, and back to `[00:12:34]`. */

/** Seconds of `h:mm:ss(.ttt)` or `mm:ss(.ttt)` (comma or dot before the fraction); NaN when it is not a time. */
export function parseClock(text: string): number {
  const m = /^(?:(\d{1,3}):)?(\d{1,2}):(\d{2})(?:[.,](\d{1,3}))?$/.exec(text.trim());
  if (!m) {
    return NaN;
  }
  const [, h, mm, ss, frac] = m;
  const seconds = Number(h ?? 0) * 3600 + Number(mm) * 60 + Number(ss);
  return frac ? seconds + Number(frac.padEnd(3, '0')) / 1000 : seconds;
}

/** `[hh:mm:ss]`, the marker a turn keeps so a passage can be found in the recording. */
export function timeMarker(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `[${pad(Math.floor(s / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}]`;
}
