// Which of our file types an open document is, whatever its client calls it: our own id, then a known
// alias (languageAliases.ts), then the file name, then the content. The server asks this for every
// document; a document that is none of ours is ignored with one line saying why.
import { languageAliases } from './languageAliases';
import { detectLanguage, languageIds, type LanguageId } from './languages';
import { sniffLanguage } from './sniffLanguage';

export interface OpenDocument {
  uri: string;
  /** The language id the client sent. */
  languageId: string;
  text: string;
}

export type Resolution = { languageId: LanguageId; by: 'id' | 'alias' | 'file name' | 'content' } | { languageId: undefined; why: string };

const ours = new Set<string>(languageIds);

/** The path part of a URI (decoded), for name detection; the URI itself when it has none. */
function pathOf(uri: string): string {
  try {
    return decodeURIComponent(new URL(uri).pathname);
  } catch {
    return uri;
  }
}

export function resolveLanguage(doc: OpenDocument): Resolution {
  if (ours.has(doc.languageId)) return { languageId: doc.languageId as LanguageId, by: 'id' };
  const alias = Object.hasOwn(languageAliases, doc.languageId) ? languageAliases[doc.languageId] : undefined;
  if (alias) return { languageId: alias, by: 'alias' };
  const byName = detectLanguage(pathOf(doc.uri));
  if (byName) return { languageId: byName, by: 'file name' };
  const byContent = sniffLanguage(doc.text);
  if (byContent) return { languageId: byContent, by: 'content' };
  return { languageId: undefined, why: `language id "${doc.languageId}" is not one of ours (${languageIds.join(', ')}), and neither the file name nor the first lines look like one` };
}

/**
 * Remembers per URI: a type found by content is kept while the document stays open (an edit must not
 * flip it), and an ignored document is reported once. `report` gets a line naming the URI and the
 * client's id, never the text.
 */
export class DocumentLanguages {
  private readonly byContent = new Map<string, LanguageId>();
  private readonly reported = new Set<string>();

  constructor(private readonly report: (line: string) => void) {}

  of(doc: OpenDocument): LanguageId | undefined {
    const kept = this.byContent.get(doc.uri);
    if (kept) return kept;
    const resolution = resolveLanguage(doc);
    if (resolution.languageId === undefined) {
      if (!this.reported.has(doc.uri)) {
        this.reported.add(doc.uri);
        this.report(`postfix-sasl: ignoring ${doc.uri}: ${resolution.why}.`);
      }
      return undefined;
    }
    if (resolution.by === 'content') this.byContent.set(doc.uri, resolution.languageId);
    return resolution.languageId;
  }

  /** The document was closed: a reopened one is judged afresh. */
  forget(uri: string): void {
    this.byContent.delete(uri);
    this.reported.delete(uri);
  }
}
