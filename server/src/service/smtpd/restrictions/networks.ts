// Which clients a network list (mynetworks, smtpd_sasl_exceptions_networks) holds, as far as the
// text tells: a pattern that covers every address (0.0.0.0/0, ::/0, 0/0 ...), only some networks,
// or tables and files whose content we cannot see.
import { compatibilityDefaults } from '../../data/compatibilityDefaults';
import type { SmtpdService } from '../../instance/services';
import { splitWords } from '../../instance/services';

/** Postfix's default style when the level is unknown here (no main.cf): that of level 0. */
const UNSET_STYLE = compatibilityDefaults.find((d) => d.name === 'mynetworks_style')?.before ?? 'subnet';

export interface NetworkList {
  /** The written pattern that holds every IPv4 or every IPv6 address, if any. */
  world?: string;
  /** Tables, files or host names whose addresses we do not know. */
  opaque: boolean;
  /** What the list means when it is empty and computed by Postfix (mynetworks_style). */
  style?: string;
}

/** 0.0.0.0/0, 0/0, ::/0, [::]/0: a prefix length 0 covers every address of its family. */
const WORLD = /^\[?[0-9a-f.:]*\]?\/0+$/i;

export function networkList(words: readonly string[]): NetworkList {
  const list: NetworkList = { opaque: false };
  for (const word of words) {
    if (word.startsWith('!')) continue; // an exclusion never adds clients
    if (WORLD.test(word)) list.world ??= word;
    else if (word.includes(':') && !/^\[?[0-9a-f:.]+\]?(\/\d+)?$/i.test(word)) list.opaque = true; // type:table
    else if (word.startsWith('/') || /[a-z]/i.test(word.replace(/^\[?[0-9a-f:.]+\]?(\/\d+)?$/i, ''))) list.opaque = true;
  }
  return list;
}

/** mynetworks of a service; when it is empty Postfix computes it from mynetworks_style (which never covers the world). */
export function mynetworksOf(service: SmtpdService): NetworkList {
  const words = splitWords(service.get('mynetworks'));
  if (words.length > 0) return networkList(words);
  return { opaque: false, style: service.get('mynetworks_style').trim().toLowerCase() || UNSET_STYLE };
}
