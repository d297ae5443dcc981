// The main.cf lines every private Postfix of the real-daemon tests starts from: its own queue, data and
// log folders under `dir`, listening on 127.0.0.1 only, delivering nowhere.
export function privatePostfixBase(dir: string): string[] {
  return [
    'compatibility_level = 3.6',
    `queue_directory = ${dir}/queue`,
    `data_directory = ${dir}/data`,
    'myhostname = localhost',
    'mydestination =',
    'inet_interfaces = 127.0.0.1',
    'inet_protocols = ipv4',
    `maillog_file = ${dir}/log/postfix.log`,
    `maillog_file_prefixes = ${dir}/log`,
  ];
}
