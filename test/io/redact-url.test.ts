import { describe, expect, it } from 'vitest';
import { redactUrl, stripUserinfo } from '../../src/io/redact-url.js';

describe('redactUrl', () => {
  it('hides userinfo and leaves other URLs alone', () => {
    expect(redactUrl('https://user:pass@host/feed')).toBe('https://***@host/feed');
    expect(redactUrl('https://token@host:8443/feed?x=1')).toBe('https://***@host:8443/feed?x=1');
    expect(redactUrl('https://u:p@ss@host/feed')).toBe('https://***@host/feed');
    expect(redactUrl('https://host/feed')).toBe('https://host/feed');
    expect(redactUrl('https://mastodon.social/@user.rss')).toBe('https://mastodon.social/@user.rss');
    expect(redactUrl('https://host/feed?mail=a@b')).toBe('https://host/feed?mail=a@b');
  });

  it('tolerates input that is not a URL', () => {
    expect(redactUrl('not a url')).toBe('not a url');
    expect(redactUrl('')).toBe('');
    expect(redactUrl('http://user:pa/ss@host/feed')).toBe('http://***@host/feed');
    expect(redactUrl('http://user:pass@[bad/feed')).toBe('http://***@[bad/feed');
  });
});

describe('stripUserinfo', () => {
  it('removes credentials but keeps the URL usable', () => {
    expect(stripUserinfo('https://user:pass@host/feed?x=1')).toBe('https://host/feed?x=1');
    expect(stripUserinfo('https://host/feed')).toBe('https://host/feed');
    expect(stripUserinfo('http://user:pa/ss@host/feed')).toBe('http://***@host/feed');
  });
});
