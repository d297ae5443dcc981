// sasl_passwd keys against the lookups the smtp client model says Postfix makes: the sender (with
// smtp_sender_dependent_authentication), then the server's name, then the next hop as written.
import type { MainCfFile } from '../documents';
import type { Finding } from '../findings';
import type { SaslPasswdFile } from '../saslPasswd/saslPasswdFile';
import type { ClientModel } from '../smtpClient/model';
import { isSenderKey } from '../smtpClient/passwdLookup';
import { paramOf } from '../smtpClient/transports';
import { mainSettings, splitWords } from '../instance/services';

const baseName = (p: string) => p.slice(p.lastIndexOf('/') + 1).replace(/\.(db|lmdb|cdb)$/, '');

/** main.cf names this file in smtp_sasl_password_maps (by file name; copies elsewhere also count). */
export function namedByMain(file: SaslPasswdFile, main: MainCfFile): boolean {
  const maps = splitWords(mainSettings({ main }).get('smtp_sasl_password_maps'));
  const name = baseName(file.uri);
  return maps.some((m) => baseName(m.slice(m.indexOf(':') + 1)) === name);
}

export function passwdKeyFindings(file: SaslPasswdFile, model: ClientModel, main: MainCfFile): Finding[] {
  const users = model.transports.filter((tm) => tm.passwordMaps.some((m) => m.file === file));
  if (!users.length) return [];
  return [...senderKeys(file, model), ...unusedKeys(file, model, main)];
}

function senderKeys(file: SaslPasswdFile, model: ClientModel): Finding[] {
  const users = model.transports.filter((tm) => tm.passwordMaps.some((m) => m.file === file));
  if (users.some((tm) => tm.senderDependent) || users.every((tm) => tm.transport.protocol === 'lmtp')) return [];
  const setting = paramOf(users[0].transport, 'smtp_sender_dependent_authentication');
  return file.passwd.entries
    .filter((e) => !e.template && isSenderKey(e))
    .map((e) => ({
      code: 'sasl-passwd-sender-key-ignored' as const,
      span: e.keySpan,
      message: `"${e.key}" is a sender ${e.keyKind === 'domain' ? 'domain' : 'address'}, but ${setting} is not "yes": Postfix looks up only the server's name and the next hop, so this line is never used and its mail logs in with another line's password (or none). Set ${setting} = yes in main.cf.`,
    }));
}

function unusedKeys(file: SaslPasswdFile, model: ClientModel, main: MainCfFile): Finding[] {
  const users = new Set(model.transports.filter((tm) => tm.passwordMaps.some((m) => m.file === file)));
  const hops = model.hops.filter((h) => [...users].some((tm) => tm.transport === h.transport));
  // Next hops we cannot read or spell out: any key may be used.
  if (!model.hopsComplete || hops.some((h) => h.destination.opaque)) return [];
  // Mail to any domain's MX hosts looks up plain names (the MX host, the domain), never [host] or :port.
  const direct = [...users].some((tm) => tm.direct);
  const plain = (key: string) => !/[[\]:]/.test(key);
  const accepts = (key: string) =>
    (direct && plain(key)) || hops.some(({ destination: d }) => key === d.written.toLowerCase() || (d.bracketed && key === d.host) || (!d.bracketed && plain(key)));
  const first = hops[0];
  const out: Finding[] = [];
  for (const e of file.passwd.entries) {
    if (e.template || isSenderKey(e) || accepts(e.key.toLowerCase())) continue;
    if (!first) {
      out.push({ code: 'sasl-passwd-key-never-used', span: e.keySpan, message: `Postfix never looks up "${e.key}": no relayhost or transport names this next hop, and mail to a domain's MX hosts looks up only plain host and domain names. This password is never sent. Set relayhost = ${e.key} if that is the relay meant.` });
      continue;
    }
    const hop = first.destination.written;
    const where = first.source.span;
    out.push({
      code: 'sasl-passwd-key-never-used',
      span: e.keySpan,
      message: `Postfix never looks up "${e.key}": for ${hops.length === 1 ? `the next hop ${hop}` : `its next hops (${[...new Set(hops.map((h) => h.destination.written))].join(', ')})`} it tries the server's host name and then the next hop exactly as written (port and brackets included). This password is never sent. Write the key as "${hop}".`,
      ...(where ? { related: [{ uri: main.uri, span: where, range: main.lines.rangeOf(where), message: `The next hop (${first.source.parameter}).` }] } : {}),
      fix: { kind: 'replace', span: e.keySpan, text: hop, title: `Change the key to "${hop}"` },
    });
  }
  return out;
}
