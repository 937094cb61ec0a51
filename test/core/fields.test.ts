import { describe, expect, it } from 'vitest';
import { authorField, categoriesField, titleField, urlField } from '../../src/core/fields.js';

describe('urlField', () => {
  it.each([
    ['https://Example.COM/a b', null, 'https://Example.COM/a b'],
    ['  http://example.com/x\n', null, 'http://example.com/x'],
    ['HTTPS://example.com', null, 'HTTPS://example.com'],
    ['javascript:alert(1)', 'https://example.com/', null],
    ['data:text/html,hi', null, null],
    ['mailto:a@b.c', null, null],
    ['/post/1', 'https://example.com/blog/', 'https://example.com/post/1'],
    ['post/1', 'https://example.com/blog/', 'https://example.com/blog/post/1'],
    ['//cdn.example.com/i.png', 'https://example.com/', 'https://cdn.example.com/i.png'],
    ['post/1', null, null],
    ['', null, null],
  ])('%j against %j', (raw, base, expected) => {
    expect(urlField(raw, base)).toBe(expected);
  });
});

describe('authorField', () => {
  it.each([
    ['jane@example.com (Jane Doe)', 'Jane Doe'],
    ['Jane Doe <jane@example.com>', 'Jane Doe'],
    ['  Jane \n Doe ', 'Jane Doe'],
    ['jane@example.com', 'jane@example.com'],
    ['', null],
  ])('%j', (raw, expected) => {
    expect(authorField(raw)).toBe(expected);
  });
});

describe('categoriesField', () => {
  it('trims, collapses, drops empties and exact duplicates', () => {
    expect(categoriesField([' World ', 'World', '', null, 'Tech  News', 'world'])).toEqual(['World', 'Tech News', 'world']);
  });
});

describe('titleField', () => {
  it.each([
    ['Tom & Jerry', undefined, null, 'Tom & Jerry'],
    ['5 < 6', undefined, null, '5 < 6'],
    ['<b>big</b> news', undefined, null, 'big news'],
    ['  many\n  lines  ', undefined, null, 'many lines'],
    ['', undefined, 'One two three four five six seven eight nine ten eleven', 'One two three four five six seven eight nine ten…'],
    [null, undefined, 'Short body', 'Short body'],
    [null, undefined, null, '(untitled)'],
  ])('%j', (raw, isHtml, fallback, expected) => {
    expect(titleField(raw, isHtml, fallback)).toBe(expected);
  });
});
