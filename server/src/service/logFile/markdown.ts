// Markdown for text that comes from a log (a client's user name, a server's reply): control
// characters made visible and every ASCII punctuation character escaped, so no log text can make a
// heading, a list, a link, an HTML tag or an entity in our reports and hovers.
import { neutralise } from '../log/redact';

export function logText(text: string, max = 300): string {
  return neutralise(text, max).replace(/[!-/:-@[-`{-~]/g, '\\$&');
}

/** A link to a line of a file we know (a URI of our instance, never log text). */
export function lineLink(uri: string, line: number): string {
  const name = uri.slice(uri.lastIndexOf('/') + 1);
  let base = name;
  try {
    base = decodeURIComponent(name);
  } catch {
    // A broken %-escape: the name as it is.
  }
  const target = `${uri}#L${line}`.replace(/[()\s<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  return `[${logText(base, 100)} line ${line}](${target})`;
}
