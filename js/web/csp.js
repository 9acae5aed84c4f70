// The page's Content-Security-Policy, delivered in a <meta> tag so it holds on any
// static host and from file://. Scripts and styles come only from the page's own files;
// 'wasm-unsafe-eval' lets them compile the inlined WASM; connect-src 'none' forbids
// every fetch, XHR, WebSocket and beacon, so a workbook cannot leave the machine.
// blob: images and downloads are the page's own in-memory files (CSV, xlsx); the one
// blob: worker is the importer, made by the page from its own script (a worker inherits
// this policy, so it cannot connect anywhere either).

/** The policy, one directive per entry. */
export const CSP_DIRECTIVES = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'none'",
  "font-src 'none'",
  "object-src 'none'",
  "worker-src blob:",
  // Browsers without worker-src (Safari before 15.5) take workers from child-src.
  "child-src blob:",
  "frame-src 'none'",
  "media-src 'none'",
  "manifest-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
];

/** The policy as the <meta http-equiv> content. */
export const CSP = CSP_DIRECTIVES.join('; ');
