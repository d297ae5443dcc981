// What other editors call our file types. A client sends its own name for a document's type as the
// LSP language id: Neovim and Vim their filetype, Emacs eglot the major mode without "-mode", Helix the
// language name from languages.toml. Names listed here are taken as ours; any other id (Neovim's
// "conf" or "", Emacs's "conf-unix" or "fundamental", "plaintext") falls back to detection by file
// name and then by content (resolveLanguage.ts).
import { typeNames, type LanguageId } from './languages';

export const languageAliases: Readonly<Record<string, LanguageId>> = {
  // Vim and Neovim (runtime filetype.vim / filetype.lua): main.cf is "pfmain" (newer ones also
  // main.cf.proto). They have no filetype for the other five: master.cf, smtpd.conf, dovecot.conf and
  // /etc/default/saslauthd get "conf" when they start with a comment, sasl_passwd gets none.
  pfmain: 'postfix-main',
  // The CLI's --type names (main, master, sasl ...), for a client configured with the short names.
  ...typeNames,
};
