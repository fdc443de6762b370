// The ingress's only routes: /h/<token> and /h/<token>/<anything>. Everything else is 404.

export interface IngressRoute {
  token: string;
  /** What follows the token, without the leading slash: "" or e.g. "lox24" or "soyio/events". */
  subPath: string;
  /** The raw query string without "?", "" when absent. */
  query: string;
}

const tokenPattern = /^[A-Za-z0-9_-]{16,128}$/;

export function matchRoute(url: string | undefined): IngressRoute | null {
  if (!url || !url.startsWith('/h/')) return null;
  const questionMark = url.indexOf('?');
  const pathname = questionMark === -1 ? url : url.slice(0, questionMark);
  const query = questionMark === -1 ? '' : url.slice(questionMark + 1);
  const rest = pathname.slice(3);
  const slash = rest.indexOf('/');
  const token = slash === -1 ? rest : rest.slice(0, slash);
  if (!tokenPattern.test(token)) return null;
  return { token, subPath: slash === -1 ? '' : rest.slice(slash + 1), query };
}
