// What one file needs to know about the rest of its Postfix instance (the other files in its folder).

export interface InstanceContext {
  /** Service names from master.cf, when a master.cf is known. */
  masterServices?: ReadonlySet<string>;
  /** Names that other files of the instance reference as $name (master.cf -o values). */
  externalReferences?: ReadonlySet<string>;
}

export const noInstance: InstanceContext = {};
