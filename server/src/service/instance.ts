// A Postfix instance is the set of files that configure one Postfix (one folder: main.cf, master.cf,
// sasl/smtpd.conf, sasl_passwd ...). Rules that need more than one file look here.
import type { ParsedFile } from './documents';

export interface InstanceContext {
  /** Service names from master.cf, when a master.cf is known. */
  masterServices?: ReadonlySet<string>;
  /** Names that other files of the instance reference as $name (master.cf -o values). */
  externalReferences?: ReadonlySet<string>;
}

/** What main.cf needs to know from the other files of its instance. */
export function instanceContextFor(files: readonly ParsedFile[]): InstanceContext {
  const context: { masterServices?: Set<string>; externalReferences?: Set<string> } = {};
  for (const file of files) {
    const facts = instanceFactsOf(file);
    if (facts.services) {
      context.masterServices ??= new Set();
      for (const s of facts.services) context.masterServices.add(s);
    }
    if (facts.references) {
      context.externalReferences ??= new Set();
      for (const r of facts.references) context.externalReferences.add(r);
    }
  }
  return context;
}

/** Facts a file contributes to its instance. master.cf gives services and $references. */
export interface InstanceFacts {
  services?: Iterable<string>;
  references?: Iterable<string>;
}

const factProviders = new Map<string, (file: ParsedFile) => InstanceFacts>();

/** Each file type's module registers how to read its facts (keeps this module free of parsers). */
export function registerInstanceFacts(languageId: string, provider: (file: ParsedFile) => InstanceFacts): void {
  factProviders.set(languageId, provider);
}

function instanceFactsOf(file: ParsedFile): InstanceFacts {
  return factProviders.get(file.languageId)?.(file) ?? {};
}
