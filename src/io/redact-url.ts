// Feed URLs may carry credentials (`https://user:pass@host/feed`); they end up in error
// messages, logs and terminals, so anything printed goes through redactUrl first.

const WITH_SCHEME = /^(\s*[A-Za-z][A-Za-z0-9+.\-]*:\/\/)([^/?#\\\s]*)@/;

/**
 * Replaces the userinfo of a URL with `***`. Never throws; text that is not a URL is
 * returned as it is unless it still looks like `scheme://secret@host`.
 */
export function redactUrl(url: string): string {
  const bySyntax = url.replace(WITH_SCHEME, '$1***@');
  if (bySyntax !== url) return bySyntax;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // Unparseable, e.g. an unencoded `/` in the password: hide everything up to the
    // last `@` before the query, which is where a parser would look for userinfo.
    const m = /^(\s*[A-Za-z][A-Za-z0-9+.\-]*:\/\/)([^?#]*)@/.exec(url);
    return m ? url.replace(m[0], `${m[1]}***@`) : url;
  }
  if (parsed.username === '' && parsed.password === '') return url;
  parsed.username = '***';
  parsed.password = '';
  return parsed.href;
}

/** The same URL without userinfo, for resolving links or showing where a feed lives. */
export function stripUserinfo(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.username === '' && parsed.password === '') return url;
    parsed.username = '';
    parsed.password = '';
    return parsed.href;
  } catch {
    return redactUrl(url);
  }
}

/** `Authorization` value for credentials in a parsed URL, or null when there are none. */
export function basicAuthFromUrl(url: URL): string | null {
  if (url.username === '' && url.password === '') return null;
  const user = safeDecode(url.username);
  const pass = safeDecode(url.password);
  return `Basic ${Buffer.from(`${user}:${pass}`, 'utf8').toString('base64')}`;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
