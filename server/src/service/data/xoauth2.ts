// Facts about the sasl-xoauth2 Cyrus SASL plugin (github.com/tarickb/sasl-xoauth2, read at 0.27), which
// lets Postfix's smtp client log in to Gmail and Microsoft 365 with an OAuth 2.0 token. The "password"
// of a sasl_passwd entry is then the path of the plugin's token file.

/** The mechanism as smtp_sasl_mechanism_filter names it (compared without case). */
export const XOAUTH2_MECHANISM = 'xoauth2';

/**
 * Security option words whose property the plugin does not claim, so Cyrus leaves XOAUTH2 out when a
 * security option asks for one. Its flags are noanonymous, noplaintext (since 0.22; older builds were
 * left out by noplaintext too) and "passes credentials".
 */
export const XOAUTH2_EXCLUDED_BY: readonly string[] = ['noactive', 'nodictionary', 'mutual_auth'];

/** The plugin's JSON configuration file, as installed with sysconfdir /etc. */
export const XOAUTH2_CONFIG_FILE = '/etc/sasl-xoauth2.conf';
