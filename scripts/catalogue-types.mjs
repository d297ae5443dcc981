// Type inference for scripts/generate-catalogue.mjs: from a parameter's name and default.
// Same logic as server/src/service/data/defaultValues.ts (kept here so the script runs without tsx).
/** Index just past the `{...}` group that opens at `i`, or -1. */
function skipGroup(text, i) {
  if (text[i] !== '{') return -1;
  for (let depth = 0; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i + 1;
  }
  return -1;
}

/** Splits `cond ? {a} : {b}` (braces balanced) into [cond, a, b]; null when not a conditional. */
function splitConditional(body) {
  let depth = 0;
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '{') depth++;
    else if (body[i] === '}') depth--;
    else if (body[i] === '?' && depth === 0) {
      const a = body.slice(i + 1).trimStart();
      const aEnd = skipGroup(a, 0);
      if (aEnd < 0) return null;
      const b = a.slice(aEnd).trimStart();
      if (b[0] !== ':') return [body.slice(0, i), a.slice(1, aEnd - 1), ''];
      const bText = b.slice(1).trimStart();
      const bEnd = skipGroup(bText, 0);
      return bEnd < 0 ? null : [body.slice(0, i), a.slice(1, aEnd - 1), bText.slice(1, bEnd - 1)];
    }
  }
  return null;
}

/** Literal alternatives of a default such as `${stress?{10}:{300}}s` or `${{$compatibility_level} <level {2} ? {a} : {b}}`. */
function alternatives(value) {
  const start = value.indexOf('${');
  if (start < 0) return [value];
  let depth = 0;
  let end = -1;
  for (let i = start + 1; i < value.length; i++) {
    if (value[i] === '{') depth++;
    else if (value[i] === '}' && --depth === 0) { end = i; break; }
  }
  if (end < 0) return [value];
  const body = value.slice(start + 2, end);
  const branches = splitConditional(body);
  // A plain ${name} or ${name:text} stays as written; only ?{a}:{b} conditionals branch.
  const inner = branches ? [...alternatives(branches[1]), ...alternatives(branches[2])] : [value.slice(start, end + 1)];
  const rest = alternatives(value.slice(end + 1));
  return inner.flatMap((b) => rest.map((r) => value.slice(0, start) + b + r));
}

const SIZE_NAMES = /(_size_limit|_buffer_size|^queue_minfree|^tcp_windowsize|_max_reply_size|^virtual_mailbox_limit|^smtpd_sasl_response_limit|^lmdb_map_size|^mailbox_size_limit|^message_size_limit|_size)$/;
const TIME_NAMES = /(_time|_timeout|_delay|_interval|_ttl|_lifetime|_time_limit|_time_unit)$/;
const LIST_NAMES = /(_networks|_domains|_interfaces|_protocols|_commands|_keywords|_classes|_names|_exceptions|_clients|_chain_files|_destinations|_options|_filter|_environment|_prefixes|_ports|_curves|_groups|_digests|_notice_recipient_classes|_list|_transports|_milters|_users|_macros|^mynetworks|^mydestination)$/;
const PATH_NAMES = /(_directory|_file|_CAfile|_CApath|^sendmail_path|^mailq_path|^newaliases_path|^cyrus_sasl_config_path)$/;

export function inferType(name, value) {
  const alts = alternatives(value).filter((v) => !v.includes('$'));
  const all = (re) => alts.length > 0 && alts.every((v) => re.test(v));
  if (/^smtpd_\w+_restrictions$/.test(name)) return ['restrictions'];
  if (/(_maps|_checks|_map)$/.test(name)) return ['maplist'];
  if (all(/^(yes|no)$/i)) return ['boolean'];
  if (SIZE_NAMES.test(name) && all(/^\d+$/)) return ['size'];
  if (all(/^\d+[smhdw]$/)) return ['time', alts[0].slice(-1)];
  if (TIME_NAMES.test(name) && all(/^\d+$/)) return ['time', 's'];
  if (all(/^-?\d+$/)) return ['integer'];
  if (PATH_NAMES.test(name)) return ['path'];
  if (LIST_NAMES.test(name) || value.includes(',')) return ['list'];
  return ['string'];
}

