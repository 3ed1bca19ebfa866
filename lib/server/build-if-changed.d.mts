export const BUILD_INPUTS: string[];
export const BUILD_HASH_FILE: string;
export function computeBuildHash(options?: { root?: string; inputs?: readonly string[]; env?: Record<string, string | undefined>; nodeVersion?: string }): string;
export function readBuildHash(root?: string): string | null;
export function runNextBuild(root?: string): number;
export function buildIfChanged(options?: {
  root?: string;
  env?: Record<string, string | undefined>;
  always?: boolean;
  build?: (root: string) => number;
  log?: (line: string) => void;
  inputs?: readonly string[];
}): { built: boolean; status: number; hash: string };
