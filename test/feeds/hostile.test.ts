import { plainDraft } from '../support/plain-draft.js';
// Every fixtures/hostile/NAME.xml is parsed and compared with NAME.expected.json:
// either { error } (the DataError message), or the feed's format, title, link,
// warnings and, per article, the fields that file is about.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseFeed, type ParsedFeed } from '../../src/feeds/parse-feed.js';
import { formatIsoUtc } from '../../src/core/dates.js';
import { DataError } from '../../src/errors.js';

const DIR = fileURLToPath(new URL('../../fixtures/hostile/', import.meta.url));
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.xml')).sort();

interface Expected {
  error?: string;
  format?: string;
  title?: string | null;
  link?: string | null;
  warnings?: string[];
  articles?: Record<string, unknown>[];
}

function load(file: string): { text: string; expected: Expected } {
  return {
    text: readFileSync(DIR + file, 'utf8'),
    expected: JSON.parse(readFileSync(DIR + file.replace(/\.xml$/, '.expected.json'), 'utf8')) as Expected,
  };
}

function asJsonDates(feed: ParsedFeed): Record<string, unknown>[] {
  return feed.drafts.map((d) => ({ ...plainDraft(d), publishedAt: formatIsoUtc(d.publishedAt), updatedAt: formatIsoUtc(d.updatedAt) }));
}

describe('hostile fixtures', () => {
  it('has fixtures', () => {
    expect(FILES.length).toBeGreaterThanOrEqual(12);
  });

  it.each(FILES)('%s', (file) => {
    const { text, expected } = load(file);
    if (expected.error !== undefined) {
      expect(() => parseFeed(text, { url: null, label: file })).toThrow(DataError);
      expect(() => parseFeed(text, { url: null, label: file })).toThrow(expected.error);
      return;
    }
    const feed = parseFeed(text, { url: null, label: file });
    const { articles = [], ...top } = expected;
    expect(feed).toMatchObject(top);
    const drafts = asJsonDates(feed);
    expect(drafts).toHaveLength(articles.length);
    articles.forEach((a, i) => expect(drafts[i], `article ${i}`).toMatchObject(a));
  });
});

describe('hostile inputs, beyond their expected output', () => {
  it('billion laughs returns at once with nothing expanded', () => {
    const { text } = load('billion-laughs.xml');
    const start = performance.now();
    const feed = parseFeed(text, { label: 'billion-laughs.xml' });
    expect(performance.now() - start).toBeLessThan(200);
    expect(JSON.stringify(feed).length).toBeLessThan(5_000);
  });

  it('never reads an external entity', () => {
    const { text } = load('external-entity.xml');
    const out = JSON.stringify(parseFeed(text, { label: 'external-entity.xml' }));
    expect(out).not.toMatch(/root:|daemon:/);
    expect(out).toContain('&xxe;');
  });

  it('pollutes no prototype', () => {
    const { text } = load('prototype-names.xml');
    parseFeed(text, { label: 'prototype-names.xml' });
    const plain = {} as Record<string, unknown>;
    expect(plain.polluted).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
    expect(typeof plain.constructor).toBe('function');
  });

  it('keeps control characters in drafts for the printer to remove', () => {
    const { text } = load('control-chars.xml');
    const [draft] = parseFeed(text, { label: 'control-chars.xml' }).drafts;
    expect(draft!.title).toContain('\u001b[31m');
    expect(draft!.title).toContain('\u0007');
  });

  it('survives 100,000 nested elements inside a description', () => {
    const { text } = load('deep-nesting.xml');
    expect(() => parseFeed(text, { label: 'deep-nesting.xml' })).not.toThrow();
  });
});
