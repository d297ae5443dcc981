// Parameters whose $names Postfix leaves alone when it reads main.cf: the daemon expands them itself
// when it uses the value, with its own names ($home, $rbl_code, ...). Names from the raw tables of
// local(8), smtpd(8) and postscreen(8) in the Postfix source.
export const rawParameterNames: ReadonlySet<string> = new Set([
  'command_execution_directory',
  'default_rbl_reply',
  'forward_path',
  'luser_relay',
  'mailbox_command',
  'postscreen_expansion_filter',
  'postscreen_reject_footer',
  'smtpd_expansion_filter',
  'smtpd_reject_footer',
]);
