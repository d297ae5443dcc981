// Parameters whose value Postfix does not put through $name expansion (postconf(5): "not subject to
// Postfix configuration parameter $name expansion" / "not subjected to $name substitutions"). Their
// $NAME words are read later by the daemon that uses them (local(8)'s $USER, $EXTENSION, smtpd's
// $client in a reply footer) or by a shell, so no $name in them can be undefined or malformed.
export const notExpandedParameters: ReadonlySet<string> = new Set([
  'mailbox_command',
  'command_execution_directory',
  'forward_path',
  'luser_relay',
  'smtpd_expansion_filter',
  'smtpd_reject_footer',
  'default_rbl_reply',
]);
