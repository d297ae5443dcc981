// Finds the other files of a document's Postfix instance: open documents first, then the files on
// disk beside it (master.cf next to main.cf, sasl/smtpd.conf, sasl_passwd ...), read once per mtime.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { diskFacts } from './diskFacts';
import { parseForContext } from './service/analyze';
import type { ParsedFile } from './service/documents';
import { detectLanguage } from './service/languages';
import type { Settings } from './service/settings';

interface DiskEntry {
  mtimeMs: number;
  size: number;
  file: ParsedFile;
}

const MAX_SIBLINGS = 40;

export class InstanceFiles {
  private disk = new Map<string, DiskEntry>();

  /** The folder that holds an instance: a sasl/ or sasl2/ folder belongs to its parent, Dovecot's conf.d/ to its parent. */
  static rootOf(uri: string): string | undefined {
    if (!uri.startsWith('file:')) return undefined;
    const dir = dirname(fileURLToPath(uri));
    return /^(sasl2?|conf\.d)$/.test(basename(dir)) ? dirname(dir) : dir;
  }

  /** Folders checked together with `root`: Postfix's and Dovecot's beside each other (/etc/postfix, /etc/dovecot), or dovecot/ inside. */
  static partnerRoots(root: string): string[] {
    const parent = dirname(root);
    return basename(root) === 'dovecot' ? [root, parent, join(parent, 'postfix')] : [root, join(parent, 'dovecot'), join(root, 'dovecot')];
  }

  /** Open documents of the same instance, plus files on disk that are not open. */
  siblings(uri: string, open: readonly ParsedFile[], settings: Settings): ParsedFile[] {
    const root = InstanceFiles.rootOf(uri);
    if (!root) return open.filter((f) => f.uri !== uri && !f.uri.startsWith('file:'));
    const roots = InstanceFiles.partnerRoots(root);
    const openHere = open.filter((f) => f.uri !== uri && roots.includes(InstanceFiles.rootOf(f.uri) ?? ''));
    const openUris = new Set(open.map((f) => f.uri));
    const onDisk: ParsedFile[] = [];
    // From a dovecot/ folder, its parent counts only for a Postfix instance there (examples/ holding main.cf and dovecot/).
    const onlyPostfix = (r: string) => basename(root) === 'dovecot' && r === dirname(root);
    for (const path of roots.flatMap((r) => this.candidatePaths(r).filter((p) => !onlyPostfix(r) || /^postfix-ma(in|ster)$/.test(detectLanguage(p) ?? '')))) {
      const fileUri = pathToFileURL(path).toString();
      if (fileUri === uri || openUris.has(fileUri)) continue;
      const file = this.readDisk(path, fileUri, settings);
      if (file) onDisk.push(file);
    }
    // saslauthd settings live elsewhere (/etc/default); an open one counts for every instance.
    const saslauthd = open.filter((f) => f.languageId === 'saslauthd' && f.uri !== uri && !openHere.includes(f));
    return [...openHere, ...onDisk, ...saslauthd];
  }

  private candidatePaths(root: string): string[] {
    const out: string[] = [];
    for (const dir of [root, join(root, 'sasl'), join(root, 'sasl2'), join(root, 'conf.d')]) {
      let names: string[];
      try {
        names = readdirSync(dir);
      } catch {
        continue;
      }
      for (const name of names) {
        const path = join(dir, name);
        if (detectLanguage(path)) out.push(path);
        if (out.length >= MAX_SIBLINGS) return out;
      }
    }
    return out;
  }

  private readDisk(path: string, uri: string, settings: Settings): ParsedFile | undefined {
    try {
      const stat = statSync(path);
      if (!stat.isFile() || stat.size > settings.maxFileSize) return undefined;
      const cached = this.disk.get(path);
      if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.file;
      const languageId = detectLanguage(path)!;
      const file = parseForContext(uri, languageId, readFileSync(path, 'utf8'), settings);
      if (languageId === 'postfix-sasl-passwd') file.disk = diskFacts(path);
      this.disk.set(path, { mtimeMs: stat.mtimeMs, size: stat.size, file });
      return file;
    } catch {
      return undefined; // unreadable siblings are simply not part of the picture
    }
  }
}
