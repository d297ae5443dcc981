// Pure (no vscode import). VS Code renders `[text](command:…)` in notification messages as a link that runs
// the command when clicked; text that we did not write (a certificate subject, a host or name from the
// settings) goes through here before it reaches one.
import { HIDDEN_CHARACTERS } from '../../../server/src/authtest/terminalText';

const MAX = 200;
/** Controls, line separators, and the bidirectional and zero-width characters: each run becomes a space. */
const UNPRINTABLE = new RegExp(`[\u0000-\u001f\u007f-\u009f\u2028\u2029${HIDDEN_CHARACTERS}]+`, 'g');

/** One line of printable text with no square brackets (fullwidth look-alikes instead), at most 200 characters. */
export function forNotification(text: string): string {
  const flat = text
    .replace(UNPRINTABLE, ' ')
    .replace(/\[/g, '［')
    .replace(/\]/g, '］');
  return flat.length > MAX ? `${flat.slice(0, MAX)}…` : flat;
}
