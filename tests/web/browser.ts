// Finds (and if allowed, installs) the Chromium the browser tests drive through playwright-core.
// Debian's `chromium` package at /usr/bin/chromium, with `fonts-noto-cjk` so Chinese renders in
// screenshots. When either is missing and we are root with apt-get, it is installed; otherwise the
// tests fail with the command to run.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
const INSTALL = 'apt-get update && apt-get install -y chromium fonts-noto-cjk';

function hasCjkFont(): boolean {
  const r = spawnSync('fc-list', [':lang=zh'], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim().length > 0;
}

function canInstall(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0 && existsSync('/usr/bin/apt-get');
}

/** Makes sure Chromium and a CJK font are present; returns the executable path. */
export function ensureChromium(): string {
  const missing = !existsSync(CHROMIUM) || !hasCjkFont();
  if (!missing) return CHROMIUM;
  if (!canInstall()) {
    throw new Error(`Chromium or CJK fonts missing (${CHROMIUM}, fonts-noto-cjk). Install them as root: ${INSTALL}`);
  }
  execFileSync('sh', ['-c', `${INSTALL} >/dev/null`], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (!existsSync(CHROMIUM)) throw new Error(`installed chromium but ${CHROMIUM} is still missing`);
  return CHROMIUM;
}

export interface LaunchedBrowser {
  /** One browser context on a fresh profile; tests clear its cookies to switch users. */
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Launches headless Chromium on a fresh profile directory (--user-data-dir; playwright passes it
 * for a persistent context), with no background network chatter; close() removes the profile.
 */
export async function launchBrowser(opts: { viewport?: { width: number; height: number } } = {}): Promise<LaunchedBrowser> {
  const executablePath = ensureChromium();
  const profile = mkdtempSync(join(tmpdir(), 'jixiao-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    acceptDownloads: true,
    viewport: opts.viewport ?? { width: 1280, height: 900 },
    locale: 'zh-CN',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    context,
    async close() {
      await context.close().catch(() => {});
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
