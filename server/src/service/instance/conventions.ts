// Where the daemons and the distributions look for their files, as data. Paths are absolute as on
// the system; the model resolves them against the root of the tree it was given.

/**
 * Folders Cyrus SASL searches for `<smtpd_sasl_path>.conf` when cyrus_sasl_config_path is unset,
 * in the order searched; the first folder that holds the file wins. `$config_directory/sasl` is
 * Debian's Postfix (README.Debian: "SASL configuration goes in /etc/postfix/sasl"). The rest is the
 * libraries' built-in list: Debian's libsasl2 carries /etc/sasl2:/etc/sasl:/usr/lib/<triplet>/sasl2:
 * /usr/lib/sasl2; upstream's configure defaults to ${libdir}/sasl2:${sysconfdir}/sasl2, which is
 * /usr/lib64/sasl2 on Red Hat and /usr/local/lib/sasl2:/usr/local/etc/sasl2 on FreeBSD.
 */
export const CYRUS_SEARCH = ['$config_directory/sasl', '/etc/sasl2', '/etc/sasl', '/usr/lib/x86_64-linux-gnu/sasl2', '/usr/lib/sasl2', '/usr/lib64/sasl2', '/usr/local/lib/sasl2', '/usr/local/etc/sasl2'];

/** saslauthd's start-up settings: Red Hat and SUSE, Debian and Ubuntu, Alpine and Gentoo, FreeBSD's rc.conf.d (rc.subr reads both). */
export const SASLAUTHD_SETTINGS = ['/etc/sysconfig/saslauthd', '/etc/default/saslauthd', '/etc/conf.d/saslauthd', '/etc/rc.conf.d/saslauthd', '/usr/local/etc/rc.conf.d/saslauthd'];

/** dovecot.conf on Linux distributions and on FreeBSD. */
export const DOVECOT_CONF = ['/etc/dovecot/dovecot.conf', '/usr/local/etc/dovecot/dovecot.conf'];

/** Where Postfix's main.cf is when nothing says otherwise: the usual config_directory, then FreeBSD's. */
export const CONFIG_DIRECTORIES = ['/etc/postfix', '/usr/local/etc/postfix'];

/** The compiled forms postmap writes next to a lookup table's source. */
export const COMPILED_SUFFIXES: Record<string, string[]> = { hash: ['.db'], btree: ['.db'], lmdb: ['.lmdb'], cdb: ['.cdb'], dbm: ['.dir', '.pag'], sdbm: ['.dir', '.pag'] };

/** Lookup table types whose argument is a file we can read (texthash, and the compiled ones by their source). */
export const FILE_MAP_TYPES = new Set(['hash', 'btree', 'lmdb', 'cdb', 'dbm', 'sdbm', 'texthash', 'regexp', 'pcre', 'cidr']);

/** The main.cf parameters whose lookup tables the SASL rules read. */
export const SASL_MAP_PARAMETERS = ['smtp_sasl_password_maps', 'smtpd_sender_login_maps'];

/** The main.cf parameters whose tables add next hops to the smtp client model: their text is kept. */
export const NEXT_HOP_MAP_PARAMETERS = ['transport_maps', 'sender_dependent_relayhost_maps'];

/** Limits that keep hostile trees from hanging us: include depth, files per instance. */
export const MAX_INCLUDE_DEPTH = 20;
export const MAX_DOVECOT_FILES = 200;
