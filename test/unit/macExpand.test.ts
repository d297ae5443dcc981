// Our $name expansion against the installed Postfix: each input goes into a main.cf as `t = INPUT`,
// and `postconf -c DIR -x t` decides (it exits 1 with "macro processing error" when Postfix refuses the
// value). The scan (every branch, no evaluation, what the bad-reference rule reads) is checked against
// the syntax warnings that postconf prints while it reads main.cf.
// The first blocks are the inputs of Postfix's own test, src/util/mac_expand.in (3.12 snapshot),
// without its test-only `length` operator and `test_named_fn` function; the rest are ours.
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, describe, test } from 'node:test';
import { effectiveValue, expandText, rawValue } from '../../server/src/service/mainCf/expand';
import { parseLevel } from '../../server/src/service/parser/macExpand';
import { parseMainCf } from '../../server/src/service/parser/mainCf';
import { scanReferences } from '../../server/src/service/parser/references';

interface Block {
  definitions: string[];
  inputs: string[];
}

const POSTFIX_TEST_INPUTS: Block[] = [
  {
    definitions: ['name1 = name1-value'],
    inputs: [
      '$name1',
      '$(name1',
      '$(name1)',
      '$( name1)',
      '$(name1 )',
      '$(na me1)',
      '${na me1}',
      '${${name1} != {}?name 1 defined, |$name1|$name2|}',
      '${ ${name1} != {}?name 1 defined, |$name1|$name2|}',
      '${ ${name1} ?name 1 defined, |$name1|$name2|}',
      '${{$name1} ? {name 1 defined, |$name1|$name2|} : {name 1 undefined, |$name1|$name2|} }',
      '${x{$name1} != {}?{name 1 defined, |$name1|$name2|}}',
      '${{$name1}x?{name 1 defined, |$name1|$name2|}}',
      '${{$name1} != {}x{name 1 defined, |$name1|$name2|}}',
      '${{$name1} != {}?x{name 1 defined, |$name1|$name2|}}',
      '${{$name2} != {}?x{name 2 defined, |$name1|$name2|}:{name 2 undefined, |$name1|$name2|}}',
      '${{$name1} != {}?{name 1 defined, |$name1|$name2|}x}',
      '${{$name1} != {}?{name 1 defined, |$name1|$name2|}x:{name 1 undefined, |$name1|$name2|}}',
      '${{$name1} != {}?{name 1 defined, |$name1|$name2|}:x{name 1 undefined, |$name1|$name2|}}',
      '${{$name2} != {}?{name 2 defined, |$name1|$name2|}:x{name 2 undefined, |$name1|$name2|}}',
      '${{text}}',
      '${{text}?{non-empty}:{empty}}',
      '${{text} = {}}',
      '${{${ name1}} == {}}',
      '${name1?{${ name1}}:{${name2}}}',
      '${name2?{${ name1}}:{${name2}}}',
      '${name2?{${name1}}:{${ name2}}}',
      '${name2:{${name1}}:{${name2}}}',
      '${name2?{${name1}}?{${name2}}}',
      '${{${name1?bug:test}} != {bug:test}?{Error: NOT}:{Good:}} Postfix 2.11 compatible',
      '${{${name1??bug}} != {?bug}?{Error: NOT}:{Good:}} Postfix 2.11 compatible',
      '${{${name2::bug}} != {:bug}?{Error: NOT}:{Good:}} Postfix 2.11 compatible',
      '${{xx}==(yy)?{oops}:{phew}}',
    ],
  },
  {
    definitions: ['name1 = name1-value'],
    inputs: [
      '${name1?name 1 defined, |$name1|$name2|}',
      '${name1:name 1 undefined, |$name1|$name2|}',
      '${name2?name 2 defined, |$name1|$name2|}',
      '${name2:name 2 undefined, |$name1|$name2|}',
      '|$name1|$name2|',
      '${{$name1} != {}?{name 1 defined, |$name1|$name2|}}',
      '${{$name1} != {}:{name 1 undefined, |$name1|$name2|}}',
      '${{$name1} == {}?{name 1 undefined, |$name1|$name2|}}',
      '${{$name1} == {}:{name 1 defined, |$name1|$name2|}}',
      '${name1?{name 1 defined, |$name1|$name2|}:{name 1 undefined, |$name1|$name2|}}',
      '${{$name1} != {}?{name 1 defined, |$name1|$name2|}:{name 1 undefined, |$name1|$name2|}}',
      '${{$name1} != {} ? {name 1 defined, |$name1|$name2|} : {name 1 undefined, |$name1|$name2|}}',
      '${{$name1} != {}?{name 1 defined, |$name1|$name2|}:name 1 undefined, |$name1|$name2|}',
      '${{$name1} != {} ? {name 1 defined, |$name1|$name2|} : name 1 undefined, |$name1|$name2|}',
      '${{$name1} != {}}',
      '${{$name1} == {}}',
      '${{$name2} != {}?{name 2 defined, |$name1|$name2|}}',
      '${{$name2} != {}:{name 2 undefined, |$name1|$name2|}}',
      '${{$name2} == {}?{name 2 undefined, |$name1|$name2|}}',
      '${{$name2} == {}:{name 2 defined, |$name1|$name2|}}',
      '${name2?{name 2 defined, |$name1|$name2|}:{name 2 undefined, |$name1|$name2|}}',
      '${{$name2} != {}?{name 2 defined, |$name1|$name2|}:{name 2 undefined, |$name1|$name2|}}',
      '${{$name2} != {} ? {name 2 defined, |$name1|$name2|} : {name 2 undefined, |$name1|$name2|}}',
      '${{$name2} != {}?{name 2 defined, |$name1|$name2|}:name 2 undefined, |$name1|$name2|}',
      '${{$name2} != {} ? {name 2 defined, |$name1|$name2|} : name 2 undefined, |$name1|$name2|}',
      '${{$name2} != {}}',
      '${{$name2} == {}}',
    ],
  },
  {
    definitions: [],
    inputs: ['1', 'a'].flatMap((x) =>
      [x, x === '1' ? '2' : 'b'].flatMap((y) => ['==', '<', '<=', '>=', '>'].map((op) => `\${{${x}} ${op.padEnd(2)} {${y}}}`)),
    ),
  },
  {
    definitions: ['name1 = foo'],
    inputs: [
      '${{$name1} >=blah {bar}}',
      '${{aaa} == {bbb}}',
      '${{aaa} != {bbb}}',
      '${{aaa} > {bb}}',
      '${{aaa} >= {bb}}',
      '${{aaa} < {bb}}',
      '${{aaa} <= {bb}}',
    ],
  },
];

const OUR_INPUTS: Block[] = [
  {
    // Forms named in issue 13 and the corners of mac_parse.
    definitions: ['a = x', 'empty =', 'ref = $a', 'self = $self', 'loop1 = $loop2', 'loop2 = $loop1', 'level = 3.6', 'cond = ${a?{$ref}}'],
    inputs: [
      '${{$a} != {b}}',
      '${{$a} == {b}}',
      '${{a} != {b}?{x}}',
      '${{a} != {b}:{x}}',
      '${{a} == {b}:{x}}',
      '${a?x{y}}',
      '${a?{yes}: no}',
      '${empty?{yes}: no}',
      '${empty?{yes}:no}',
      '${a?{yes} : {no}}',
      '${a ? {yes} : {no}}',
      '${ a }',
      '$( a )',
      '${a }x',
      '${empty:fallback}',
      '${empty?set}',
      '${nosuch:unset}',
      '${ref?{$ref}}',
      '$cond',
      '${name2:{a}:{b}}',
      '${a:{a}:{b}}',
      '${{10} > {9} ? {ten is more} : {nine is more}}',
      '${{10} > {9}}',
      '${{010} == {10}}',
      '${{10} > {9x}}',
      '${{} == {}}',
      '${{-1} < {1}}',
      '${{99999999999999999999} == {1}}',
      '${{3.10} >level {3.9}}',
      '${{3.10} > {3.9}}',
      '${{$level} <level {3.7} ? {old} : {new}}',
      '${{3.6.1} ==level {3.6}}',
      '${{3.6.0} ==level {3.6}}',
      '${{ 3.6} ==level {3.6}}',
      '${{3.x} <level {3}}',
      '${{} <level {3}}',
      '${{3} ==Level {3}}',
      '${{3} =={3}}',
      '${{3}=={3}?{x}}',
      '${{3} == {3} ? x : y}',
      '${{3} === {3}}',
      '${{3} == 3}',
      '${{3} == {3}} trailing',
      '${{3} == {3}}x{y}',
      '${{3} == {3}?{x}:{y}:{z}}',
      '${{a} == {a}?{x}:{${bad name}}}',
      '${{a} == {b}?{x}:{${bad name}}}',
      '$$a',
      '$$$a',
      'a $ b',
      'a$',
      '${}',
      '$()',
      '${ }x',
      '${a',
      '${a}}',
      '$(a?(b))',
      '$(a?{b})',
      '${a?{b}',
      '${a?{b}}}',
      '$self',
      '$loop1',
      '${self?x}',
      '${a{b}}',
      '${domain_to_ascii{example.com}}',
      '${a-b}',
      '$a-b',
      '${a:{}}',
      '${empty:{}}x',
      '${{${{a}=={a}}} == {true}}',
      '${{$a$a} == {xx}}',
      '$myorigin',
      '$mail_version',
    ],
  },
];

const hasPostconf = spawnSync('postconf', ['-d', 'mail_version'], { encoding: 'utf8' }).status === 0;
const installedVersion = hasPostconf ? spawnSync('postconf', ['-dh', 'mail_version'], { encoding: 'utf8' }).stdout.trim() : '';
const skip = hasPostconf ? false : 'postconf is not installed';
const scratch = mkdtempSync(join(tmpdir(), 'mac-expand-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** The file we and postconf read: the definitions, then t (z_ref makes postconf count t as a parameter). */
function mainCf(block: Block, input: string): string {
  return [...block.definitions, 'myhostname = host.example.com', 'mydomain = example.com', `t = ${input}`, 'z_ref = $t', ''].join('\n');
}

interface Verdict {
  /** postconf -x exit status and output. */
  status: number;
  stdout: string;
  stderr: string;
  /** The syntax warnings postconf prints while it reads main.cf (it scans every value, each branch). */
  scanStderr: string;}

// postconf sleeps a second before it exits on a fatal error, so the cases run side by side.
const run = promisify(execFile);
let running = 0;
const waiting: Array<() => void> = [];
async function limited<T>(job: () => Promise<T>): Promise<T> {
  if (running >= 32) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await job();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

async function postconf(dir: string, args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('postconf', ['-c', dir, ...args], { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } });
    return { status: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { status: typeof err.code === 'number' ? err.code : -1, stdout: err.stdout ?? '', stderr: err.stderr ?? '' };
  }
}

let caseNumber = 0;
function askPostconf(text: string): Promise<Verdict> {
  const dir = join(scratch, String(caseNumber++));
  mkdirSync(dir);
  writeFileSync(join(dir, 'main.cf'), text);
  writeFileSync(join(dir, 'master.cf'), '');
  return limited(async () => {
    const x = await postconf(dir, ['-x', 't']);
    // When -x succeeds, every warning it printed came from that reading; else ask -n, which expands nothing.
    return { ...x, scanStderr: x.status === 0 ? x.stderr : (await postconf(dir, ['-n', 't'])).stderr };
  });
}

/** postconf prints `t = value` with the blanks of the value collapsed (the value itself keeps them). */
const asPrinted = (value: string) => ['t', '=', ...value.split(/[ \t\r\n]+/).filter(Boolean)].join(' ');

/** `postconf -x` of every parameter for one main.cf. */
function askAll(text: string): Promise<{ status: number; stdout: string; stderr: string }> {
  const dir = join(scratch, String(caseNumber++));
  mkdirSync(dir);
  writeFileSync(join(dir, 'main.cf'), text);
  writeFileSync(join(dir, 'master.cf'), '');
  return limited(() => postconf(dir, ['-x']));
}

/** postconf's warnings about syntax, leaving out those that only name unused or undefined parameters. */
function syntaxWarnings(stderr: string): string[] {
  return stderr.split('\n').filter((l) => /warning:/.test(l) && !/unused parameter|undefined parameter|unknown parameter/.test(l));
}

for (const [title, blocks] of [['Postfix test inputs (mac_expand.in)', POSTFIX_TEST_INPUTS], ['our inputs', OUR_INPUTS]] as const) {
  describe(`expansion agrees with postconf -x: ${title}`, () => {
    for (const block of blocks) {
      for (const input of block.inputs) {
        const text = mainCf(block, input);
        const verdict = hasPostconf ? askPostconf(text) : undefined;
        test(input, { skip }, async () => {
          const real = await verdict!;
          const doc = parseMainCf(text);
          const ours = expandText(doc, rawValue(doc, 't') ?? '', { postfixVersion: installedVersion });
          if (real.status === 0) {
            const printed = real.stdout.replace(/\n$/, '');
            assert.equal(ours.error, undefined, `postconf accepts it (prints ${JSON.stringify(printed)}); we say ${ours.error?.message}`);
            assert.equal(asPrinted(ours.value ?? '(none)'), printed);
          } else {
            assert.match(real.stderr, /fatal: (macro processing error|mac_exp_eval: bad conversion)/);
            assert.ok(ours.error, `postconf refuses it (${syntaxWarnings(real.stderr)[0]}); we expand it to ${JSON.stringify(ours.value)}`);
          }
          const scanned = scanReferences(input, 0, input.length, false).errors;
          const warned = syntaxWarnings(real.scanStderr);
          assert.equal(scanned.length > 0, warned.length > 0, `scan: ours ${JSON.stringify(scanned[0]?.message)}, postconf ${JSON.stringify(warned[0])}`);
        });
      }
    }
  });
}

// Hover shows effectiveValue: for every parameter the installed Postfix knows, it must print what
// `postconf -x` prints, defaults and compatibility-level conditionals included.
describe('effective values agree with postconf -x for every parameter', () => {
  const files: Record<string, string> = {
    'compatibility level 3.6, a few settings': [
      'compatibility_level = 3.6',
      'relayhost = [smtp.$mydomain]:587',
      'smtpd_tls_security_level = ${{$compatibility_level} <level {3} ? {none} : {may}}',
      'smtp_tls_security_level = $smtpd_tls_security_level',
      'mydestination = $myhostname, localhost.$mydomain, localhost',
    ].join('\n'),
    'no compatibility level': '',
  };
  for (const [title, settings] of Object.entries(files)) {
    const text = ['myhostname = mail.example.com', 'mydomain = example.com', 'mynetworks = 127.0.0.0/8', settings, ''].join('\n');
    const verdict = hasPostconf ? askAll(text) : undefined;
    test(title, { skip }, async () => {
      const printed = await verdict!;
      assert.equal(printed.status, 0, printed.stderr);
      const doc = parseMainCf(text);
      const lines = printed.stdout.split('\n').filter(Boolean);
      assert.ok(lines.length > 800, `postconf printed only ${lines.length} parameters`);
      // config_directory is the -c directory; process_id is postconf's own pid.
      const differ = lines
        .map((line) => /^(\S+) =(?: (.*))?$/.exec(line)!)
        .filter(([, name]) => name !== 'config_directory' && name !== 'process_id')
        .filter(([line, name]) => asPrinted(effectiveValue(doc, name, { postfixVersion: installedVersion }) ?? '(none)').replace(/^t /, `${name} `) !== line)
        .map(([line]) => line);
      assert.deepEqual(differ, []);
    });
  }
});

describe('expansion details', () => {
  const at = (input: string) => {
    const e = scanReferences(input).errors[0];
    return e ? input.slice(e.start, e.end) : undefined;
  };
  const cases: [string, string | undefined][] = [
    ['${na me1}', ' me1'],
    ['${name2:{a}:{b}}', ':{b}'],
    ['x ${a', '${a'],
    ['a $ b', '$'],
    ['${{a} = {b}}', '= {b}'],
    ['${{a} == {a}}', undefined],
    ['${{a} ==x {b}}', 'x'],
  ];
  for (const [input, where] of cases) test(`error position in ${input}`, () => assert.equal(at(input), where));

  test('references carry their kind and the name without blanks', () => {
    const refs = scanReferences('$a ${ b } ${c?{$d}} ${{$e} == {x}}').references.map((r) => `${r.kind}:${r.name}`);
    assert.deepEqual(refs, ['plain:a', 'braced:b', 'conditional:c', 'plain:d', 'plain:e']);
  });

  test('an error inside a looked-up value names that parameter', () => {
    const doc = parseMainCf('bad = ${x y}\nt = $bad\n');
    assert.equal(expandText(doc, '$bad').error?.inValueOf, 'bad');
  });

  test('functions exist from Postfix 3.11 on', () => {
    const doc = parseMainCf('');
    assert.ok(expandText(doc, '${domain_to_ascii{x}}', { postfixVersion: '3.7.11' }).error);
    assert.equal(expandText(doc, '${domain_to_ascii{x}}', { postfixVersion: '3.11' }).error, undefined);
    assert.ok(expandText(doc, '${nosuch_fn{x}}', { postfixVersion: '3.11' }).error);
  });

  test('from Postfix 3.12 a raw parameter named in another value is inserted as written', () => {
    const doc = parseMainCf('mailbox_command = /usr/bin/deliver -a "$EXTENSION"\nt = $mailbox_command\n');
    assert.equal(effectiveValue(doc, 'mailbox_command'), '/usr/bin/deliver -a "$EXTENSION"');
    assert.equal(effectiveValue(doc, 't', { postfixVersion: '3.12' }), '/usr/bin/deliver -a "$EXTENSION"');
    assert.equal(effectiveValue(doc, 't', { postfixVersion: '3.7' }), '/usr/bin/deliver -a ""');
  });

  test('a long value of many references expands; only real nesting is refused', () => {
    const doc = parseMainCf('a = x\n');
    const many = expandText(doc, '$a '.repeat(100_000));
    assert.equal(many.error, undefined);
    assert.equal(many.value?.length, 200_000);
    assert.ok(expandText(doc, '${a?'.repeat(150) + '}'.repeat(150)).error);
  });

  test('compatibility levels read as Postfix reads them', () => {
    assert.deepEqual(parseLevel('3.10'), [3, 10, 0]);
    assert.deepEqual(parseLevel(' 2'), [2, 0, 0]);
    assert.equal(parseLevel('3.'), undefined);
    assert.equal(parseLevel('3.1024'), undefined);
    assert.equal(parseLevel(''), undefined);
  });
});
