// What one file type brings: how to parse it, its own rules, and its editor features.
// Each file-type folder exports one descriptor; fileTypes.ts lists them all.
import type { ParsedFile } from './documents';
import type { LanguageFeatures } from './features';
import type { Finding } from './findings';
import type { Instance } from './instance/instance';
import type { LanguageId } from './languages';
import type { Settings } from './settings';
import type { Steps } from './steps';

export interface FileTypeDescriptor<L extends LanguageId = LanguageId> {
  languageId: L;
  /** Never throws: a bad line becomes an error node and a finding. */
  parse(uri: string, text: string): ParsedFile;
  /** The file's own rules, with what they need to know of its instance. */
  validate(file: ParsedFile, instance: Instance, settings: Settings): Finding[];
  /** The same as validate, in steps, for file types whose check of a big file takes long. */
  validateSteps?(file: ParsedFile, instance: Instance, settings: Settings): Steps<Finding[]>;
  features: LanguageFeatures;
}
