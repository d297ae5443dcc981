// sasl_passwd keys against the relayhost that Postfix looks them up for. Postfix tries the sender
// (with smtp_sender_dependent_authentication), then the name of the server it connected to, then
// the next hop exactly as written in relayhost.
import type { MainCfFile } from '../documents';
import type { Finding } from '../findings';
import type { SaslPasswdFile } from '../saslPasswd/saslPasswdFile';
import { mainSettings, splitWords } from '../instance/services';

const baseName = (p: string) => p.slice(p.lastIndexOf('/') + 1).replace(/\.(db|lmdb|cdb)$/, '');

/** main.cf names this file in smtp_sasl_password_maps (by file name; copies elsewhere also count). */
export function namedByMain(file: SaslPasswdFile, main: MainCfFile): boolean {
  const maps = splitWords(mainSettings({ main }).get('smtp_sasl_password_maps'));
  const name = baseName(file.uri);
  return maps.some((m) => baseName(m.slice(m.indexOf(':') + 1)) === name);
}

export function passwdKeyFindings(file: SaslPasswdFile, main: MainCfFile): Finding[] {
  const s = mainSettings({ main });
  const relayhost = s.get('relayhost').trim();
  if (!relayhost || /[${}]/.test(relayhost) || !namedByMain(file, main)) return [];
  // Next hops from these maps can be anything: leave the keys alone.
  if (s.get('sender_dependent_relayhost_maps').trim() || s.get('transport_maps').trim()) return [];
  const hops = splitWords(relayhost).map((h) => h.toLowerCase());
  const accepts = (key: string) => {
    for (const hop of hops) {
      if (key === hop) return true;
      const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(hop);
      if (bracketed && key === bracketed[1]) return true;
      // With MX lookup the server names are not known here: any plain name may be one of them.
      if (!bracketed && !/[[\]:]/.test(key)) return true;
    }
    return false;
  };
  const out: Finding[] = [];
  for (const e of file.passwd.entries) {
    if (e.template || e.keyKind === 'domain' || e.keyKind === 'address') continue;
    const key = e.key.toLowerCase();
    if (accepts(key)) continue;
    const hop = splitWords(relayhost)[0];
    out.push({
      code: 'sasl-passwd-key-never-used',
      span: e.keySpan,
      message: `Postfix never looks up "${e.key}": with relayhost = ${relayhost} it tries the server's host name and then "${hop}" exactly as written (port and brackets included). This password is never sent. Write the key as "${hop}".`,
      related: [{ uri: main.uri, span: main.main.byName.get('relayhost')!.slice(-1)[0].nameSpan, range: main.lines.rangeOf(main.main.byName.get('relayhost')!.slice(-1)[0].nameSpan), message: 'The relayhost.' }],
      fix: { kind: 'replace', span: e.keySpan, text: hop, title: `Change the key to "${hop}"` },
    });
  }
  return out;
}
