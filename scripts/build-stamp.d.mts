export type BuildStamp = { contentDir: string; siteUrl: string };
export declare function currentTarget(env?: Record<string, string | undefined>): { distDir: string; stamp: BuildStamp };
export declare function rebuildReason(distDir: string, stamp: BuildStamp): string | null;
export declare function writeStamp(distDir: string, stamp: BuildStamp): void;
export declare function loadNextEnv(): void;
