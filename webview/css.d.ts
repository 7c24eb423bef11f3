/** CSS files are bundled as text (esbuild loader `.css: text`) and adopted as a stylesheet. */
declare module '*.css' {
  const text: string;
  export default text;
}
