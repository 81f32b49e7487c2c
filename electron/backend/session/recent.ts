import fs from 'node:fs';
import path from 'node:path';
import type { RecentProject } from '../../../shared/index.ts';
import { appDataDir } from '../paths.ts';
import { isPostgresUrl } from '../store/pg/sync/bridge.ts';

/** How many projects the recent list keeps. */
export const RECENT_LIMIT = 12;

/** Where the recent projects list lives: `$GLOSS_RECENT_FILE`, else `recent-projects.json` in the data folder. */
export function defaultRecentFile(): string {
  return process.env.GLOSS_RECENT_FILE || path.join(appDataDir(), 'recent-projects.json');
}

interface Stored {
  path: string;
  openedAt: string;
}

/**
 * The recent projects list, a small JSON file beside the default project
 * (not in any project: it is about the machine). A missing or unreadable
 * file is an empty list; writing is best effort, so a read-only data folder
 * never stops a project from opening.
 */
export class RecentProjects {
  constructor(private readonly file: string) {}

  list(): RecentProject[] {
    return this.read().map((r) =>
      isPostgresUrl(r.path)
        ? // A team project on PostgreSQL: named by its database; whether it can be reached is found when it is opened.
          { path: r.path, name: databaseName(r.path), openedAt: r.openedAt, exists: true }
        : { path: r.path, name: path.basename(r.path).replace(/\.gloss$/i, ''), openedAt: r.openedAt, exists: fs.existsSync(r.path) },
    );
  }

  /** Puts a project first. */
  touch(projectPath: string): void {
    const rest = this.read().filter((r) => r.path !== projectPath);
    this.write([{ path: projectPath, openedAt: new Date().toISOString() }, ...rest].slice(0, RECENT_LIMIT));
  }

  forget(projectPath: string): void {
    this.write(this.read().filter((r) => r.path !== projectPath));
  }

  /** Whether a path is on the list (Electron opens only paths the user chose or opened before). */
  has(projectPath: string): boolean {
    return this.read().some((r) => r.path === projectPath);
  }

  private read(): Stored[] {
    try {
      const data = JSON.parse(fs.readFileSync(this.file, 'utf8')) as unknown;
      if (!Array.isArray(data)) return [];
      return data.filter((r): r is Stored => !!r && typeof r.path === 'string' && typeof r.openedAt === 'string' && (path.isAbsolute(r.path) || isPostgresUrl(r.path)));
    } catch {
      return [];
    }
  }

  private write(list: Stored[]): void {
    try {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      const tmp = `${this.file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, JSON.stringify(list, null, 2));
      fs.renameSync(tmp, this.file);
    } catch {
      // best effort: the list is a convenience
    }
  }
}

/** A PostgreSQL URL (kept without its password: see session.ts). */
function databaseName(url: string): string {
  try {
    const u = new URL(url);
    return `${decodeURIComponent(u.pathname.replace(/^\//, '')) || 'postgres'} on ${u.hostname}`;
  } catch {
    return url;
  }
}
