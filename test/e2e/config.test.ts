import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, fixture, runNews, tempHome } from './run-news.js';

describe('news config', () => {
  it('sets, gets, lists and unsets keys in XDG_CONFIG_HOME/news/config.json', async () => {
    const home = tempHome();
    const path = join(home, 'config', 'news', 'config.json');
    expect((await runNews(['config', 'path'], { home })).stdout).toBe(`${path}\n`);
    expect(await runNews(['config', 'set', 'width', '72'], { home })).toEqual({ stdout: '', stderr: '', code: 0 });
    await runNews(['config', 'set', 'pager', 'off'], { home });
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ width: 72, pager: false });
    expect((await runNews(['config', 'get', 'width'], { home })).stdout).toBe('72\n');
    expect((await runNews(['config', 'list'], { home })).stdout).toBe('width=72\npager=false\n');
    await runNews(['config', 'unset', 'width'], { home });
    const missing = await runNews(['config', 'get', 'width'], { home });
    expect(missing).toEqual({ stdout: '', stderr: 'news: width is not set\n', code: 3 });
  });

  it('uses the configured default source', async () => {
    const home = tempHome();
    await runNews(['config', 'set', 'source', fixture('stores', 'duplicates.json')], { home });
    const r = await runNews(['list'], { home });
    expect(r.stdout).toBe(readFileSync(fixture('stores', 'duplicates.expected.tsv'), 'utf8'));
    expect(r.stderr).toBe('');
  });

  it('rejects unknown keys and bad values as usage errors', async () => {
    expect(await runNews(['config', 'set', 'colour', 'never'])).toEqual({
      stdout: '',
      stderr: 'news: unknown config key "colour"; keys are source, width, pager, retention, concurrency, minInterval, maxInterval, color\n',
      code: 2,
    });
    expect((await runNews(['config', 'set', 'width', 'wide'])).code).toBe(2);
  });

  it('reports a corrupt config with its path and never rewrites it', async () => {
    const home = tempHome();
    const dir = join(home, 'config', 'news');
    mkdirSync(dir, { recursive: true });
    const corrupt = '{"width": 72,,}';
    writeFileSync(join(dir, 'config.json'), corrupt);
    const list = await runNews(['list'], { home });
    expect(list).toEqual({
      stdout: '',
      stderr: 'news: config ~/config/news/config.json is not valid JSON (line 1, column 14); fix or remove it\n',
      code: 4,
    });
    const set = await runNews(['config', 'set', 'width', '60'], { home });
    expect(set.code).toBe(4);
    expect(readFileSync(join(dir, 'config.json'), 'utf8')).toBe(corrupt);
    expect((await runNews(['config', 'path'], { home })).code).toBe(0);
  });

  it('reads settings written by hand', async () => {
    const home = tempHome();
    mkdirSync(join(home, 'config', 'news'), { recursive: true });
    writeFileSync(join(home, 'config', 'news', 'config.json'), JSON.stringify({ source: 'fixtures/stores/duplicates.json' }));
    const r = await runNews(['list'], { home, cwd: ROOT });
    expect(r.stdout).toBe(readFileSync(fixture('stores', 'duplicates.expected.tsv'), 'utf8'));
  });
});
