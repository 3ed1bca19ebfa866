import { accessSync, constants, statSync } from "node:fs";

/** Where Debian and Ubuntu install Chromium (`apt-get install chromium`). */
export const DEFAULT_CHROMIUM_PATH = "/usr/bin/chromium";

/** What to do when no Chromium is found: how to install it, and the browser's own way to the same PDF. */
export const CHROMIUM_INSTALL_HINT =
  "PDF reports need Chromium on the server: install it with `sudo apt-get install chromium` (or set CHROMIUM_PATH to a Chromium or Chrome executable). " +
  "Meanwhile the HTML report printed from a browser (Print → Save as PDF) gives the same layout.";

function isExecutableFile(filePath: string): boolean {
  try {
    if (!statSync(filePath).isFile()) return false;
    accessSync(filePath, constants.X_OK);

    return true;
  } catch {
    return false;
  }
}

/**
 * The Chromium that prints PDF reports: CHROMIUM_PATH when set (null when it is not an executable
 * file, rather than silently using another one), else /usr/bin/chromium if present, else null.
 */
export function resolveChromiumPath(env: Record<string, string | undefined> = process.env): string | null {
  const configured = env.CHROMIUM_PATH?.trim();
  if (configured) return isExecutableFile(configured) ? configured : null;

  return isExecutableFile(DEFAULT_CHROMIUM_PATH) ? DEFAULT_CHROMIUM_PATH : null;
}
