// `Buffer` for the tests in the web worker host (the matrix test reads an .xlsx with it), injected by the web test build.
export { Buffer } from 'buffer';
