// The client model of an instance (computed once per instance), or of a bare list of parsed files
// (hover, which has no instance): sasl_passwd files are matched to the map words that name them.
import { isMainCfFile, type ParsedFile } from '../documents';
import type { Instance } from '../instance/instance';
import { baseOf } from '../instance/paths';
import { isMasterCfFile } from '../master/masterCfFile';
import { parseSaslPasswd } from '../saslPasswd/parse';
import { isSaslPasswdFile, type SaslPasswdFile } from '../saslPasswd/saslPasswdFile';
import { clientModel, mapPath, type ClientModel } from './model';

const stripCompiled = (name: string) => name.replace(/\.(db|lmdb|cdb)$/, '');

/** A sasl_passwd file by the path a map word names: the very file, else one of the same name (a copy beside main.cf). */
function byName(files: readonly SaslPasswdFile[], exact: (f: SaslPasswdFile) => string | undefined): (word: string) => SaslPasswdFile | undefined {
  return (word) => {
    const path = mapPath(word);
    if (!path) return undefined;
    return files.find((f) => exact(f) === path) ?? files.find((f) => stripCompiled(baseOf(f.uri)) === stripCompiled(baseOf(path)));
  };
}

const cache = new WeakMap<Instance, ClientModel>();

export function clientModelOf(instance: Instance): ClientModel {
  const known = cache.get(instance);
  if (known) return known;
  const passwd = instance.files.filter(isSaslPasswdFile);
  const tables = new Map(instance.members.filter((m) => m.text !== undefined).map((m) => [m.configured, parseSaslPasswd(m.text!).entries]));
  const model = clientModel({
    main: instance.main,
    master: instance.master,
    passwdFile: byName(passwd, (f) => instance.memberOf(f)?.configured),
    table: (path) => tables.get(path),
  });
  cache.set(instance, model);
  return model;
}

export function clientModelOfFiles(files: readonly ParsedFile[]): ClientModel {
  return clientModel({
    main: files.find(isMainCfFile),
    master: files.find(isMasterCfFile),
    passwdFile: byName(files.filter(isSaslPasswdFile), () => undefined),
    table: () => undefined,
  });
}
