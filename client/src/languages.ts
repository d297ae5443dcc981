/** The language ids this extension contributes (package.json `contributes.languages` holds the same list). */
export const LANGUAGE_IDS = ['postfix-main', 'postfix-master', 'cyrus-sasl', 'saslauthd', 'postfix-sasl-passwd', 'dovecot', 'postfix-log'] as const;
