// Postfix's rule for your own parameters: a name it does not know is fine when something uses it,
// as $name in a value (main.cf or master.cf) or as a restriction class.
import type { MainCfDocument } from '../parser/mainCf';

/** What main.cf's own checks learn from master.cf: its service names and the $names its -o values use. */
export interface MasterContext {
  /** undefined: no master.cf is known. */
  masterServices?: ReadonlySet<string>;
  externalReferences?: ReadonlySet<string>;
}

export interface UserDefined {
  referenced: ReadonlySet<string>;
  restrictionClasses: ReadonlySet<string>;
}

export function userDefinedNames(doc: MainCfDocument, instance: MasterContext): UserDefined {
  const referenced = new Set<string>(instance.externalReferences ?? []);
  for (const list of doc.byName.values()) {
    // As postconf does, only the value that wins counts.
    for (const ref of list[list.length - 1].value.references) referenced.add(ref.name);
  }
  const restrictionClasses = new Set<string>();
  const classes = doc.byName.get('smtpd_restriction_classes');
  if (classes) for (const item of classes[classes.length - 1].value.items) if (!item.template) restrictionClasses.add(item.text);
  return { referenced, restrictionClasses };
}
