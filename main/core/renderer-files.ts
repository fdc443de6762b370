// The built renderer's files as both the headless control server and the desktop app's app:// scheme serve
// them: one path check (nothing outside the folder), one table of content types, one Content-Security-Policy.
import fs from 'node:fs';
import path from 'node:path';

export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  // Nothing may turn a string into markup or script, even by mistake.
  "require-trusted-types-for 'script'",
].join('; ');

const mimeTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

export type RendererFile = { kind: 'file'; file: string; contentType: string } | { kind: 'bad-path' } | { kind: 'not-found' };

/** Maps a URL path ("/", "/assets/x.js", percent-encoded or not) to a file inside `root`, or says why not. */
export function resolveRendererFile(root: string, urlPathname: string): RendererFile {
  let pathname: string;
  try {
    pathname = decodeURIComponent(urlPathname);
  } catch {
    return { kind: 'bad-path' };
  }
  const base = path.resolve(root);
  const file = path.resolve(base, pathname.replace(/^\/+/, '') || 'index.html');
  if (!file.startsWith(base + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) return { kind: 'not-found' };
  return { kind: 'file', file, contentType: mimeTypes[path.extname(file)] ?? 'application/octet-stream' };
}
