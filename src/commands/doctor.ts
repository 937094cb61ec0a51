// `news doctor`: checks the config, subscriptions and local store, and says how
// to recover from what it finds. It only reads; it never repairs by itself.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DataError, NewsError } from '../errors.js';
import { configPath, readConfig } from '../io/config.js';
import { tildify } from '../io/paths.js';
import { readSubscriptions } from '../io/subscriptions.js';
import { migrateStore } from '../store/local-format.js';
import { ReadLogError } from '../store/read-log.js';
import type { Context } from './context.js';
import { localStore } from './local.js';

export async function runDoctor(ctx: Context): Promise<void> {
  const show = (p: string) => tildify(p, ctx.env);
  const problems: string[] = [];
  const ok = (m: string) => ctx.out(`ok       ${m}\n`);
  const bad = async (m: string, fix: string) => {
    problems.push(m);
    await ctx.out(`PROBLEM  ${m}\n         ${fix}\n`);
  };
  const cfg = configPath(ctx.env);
  try {
    readConfig(ctx.env);
    const subs = readSubscriptions(ctx.env);
    await ok(`config ${show(cfg)}${existsSync(cfg) ? '' : ' (not created yet)'}; ${subs.length} ${subs.length === 1 ? 'subscription' : 'subscriptions'}`);
  } catch (err) {
    if (!(err instanceof NewsError)) throw err;
    await bad(err.message, `Edit the file to fix it, or move it aside (mv ${show(cfg)} ${show(cfg)}.broken) to start with defaults and no subscriptions.`);
  }

  const local = localStore(ctx);
  if (!local.exists()) {
    await ok(`local store ${show(local.storePath)} (not created yet: "news fetch" creates it)`);
  } else {
    const bak = `${local.storePath}.bak`;
    const bakReadable = readableBackup(bak);
    // Only a backup that is itself readable is worth restoring.
    const restore = bakReadable
      ? `Restore the previous version with: cp ${show(bak)} ${show(local.storePath)} (articles since the last fetch are fetched again).`
      : `Move it aside (mv ${show(local.storePath)} ${show(local.storePath)}.broken) and run "news fetch" to rebuild it; read state is lost.`;
    try {
      const store = local.read();
      await ok(`local store ${show(local.storePath)}: ${store.articles.length} articles from ${Object.keys(store.feeds).length} feeds`);
      // Derived data: out of date is slow, never wrong (README "The local store").
      await ok(
        local.indexed()
          ? `listing index ${show(local.indexPath)} is current`
          : `listing index ${show(local.indexPath)} is missing or out of date: listing and reading read store.json whole until the next change (news fetch) writes it`,
      );
      for (const [feed, state] of Object.entries(store.feeds)) {
        try {
          local.readBodies(state.bodies);
        } catch (err) {
          if (!(err instanceof DataError)) throw err;
          await bad(err.message.replace(/; run "news doctor".*$/, ''), `Run "news fetch --force" after removing the feed's state, or ${restore.charAt(0).toLowerCase()}${restore.slice(1)} (feed ${feed})`);
        }
      }
    } catch (err) {
      if (!(err instanceof DataError)) throw err;
      // A store from a newer news is not broken: overwriting it would lose what that version wrote.
      const newer = /written by a newer news/.test(err.message);
      const log = `Move it aside (mv ${show(local.readLogPath)} ${show(local.readLogPath)}.broken); store.json is unaffected, only articles marked read or unread since the last fetch lose that mark.`;
      await bad(
        err.message.replace(/; it was left untouched.*$/, ''),
        err instanceof ReadLogError ? log : newer ? 'Run the newer version of news that wrote it; this one leaves it untouched.' : restore,
      );
    }
    for (const lock of ['store.lock', 'fetch.lock']) {
      const path = join(local.dir, lock);
      if (!existsSync(path)) continue;
      const pid = Number.parseInt(readFileSync(path, 'utf8'), 10);
      await ok(`${show(path)} is held by pid ${Number.isNaN(pid) ? '?' : pid} (a lock left by a killed process is taken over automatically)`);
    }
    if (existsSync(local.bodiesDir)) {
      const orphans = readdirSync(local.bodiesDir).filter((n) => n.endsWith('.tmp'));
      if (orphans.length) await ok(`${orphans.length} unfinished temporary files in ${show(local.bodiesDir)} (harmless; removed by the next fetch)`);
    }
    if (existsSync(bak)) {
      await ok(bakReadable ? `backup ${show(bak)} is readable` : `backup ${show(bak)} is not readable (it is replaced at the next change)`);
    }
  }
  if (problems.length) throw new DataError(`${problems.length} ${problems.length === 1 ? 'problem' : 'problems'} found`);
}

function readableBackup(path: string): boolean {
  try {
    migrateStore(JSON.parse(readFileSync(path, 'utf8')), path);
    return true;
  } catch {
    return false;
  }
}
