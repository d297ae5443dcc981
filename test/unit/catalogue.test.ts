// Invariants of the parameter catalogue, and its agreement with the installed Postfix when there is one.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import {
  allParameters,
  lookupMapType,
  lookupParameter,
  lookupRestriction,
  lookupServiceFamily,
  mapTypes,
  postfixVersion,
  restrictions,
  saslSecurityOptions,
  serviceFamilies,
} from '../../server/src/service/data/catalogue';
import { defaultAlternatives, hasReference } from '../../server/src/service/data/defaultValues';
import { deprecatedParameters, deprecatedRestrictions } from '../../server/src/service/data/deprecated';
import { overlayTables } from '../../server/src/service/data/overlay';
import { generatedParameters } from '../../server/src/service/data/parameters.generated';
import type { ParameterInfo, ValueType } from '../../server/src/service/data/types';

const duplicates = (names: readonly string[]) => names.filter((n, i) => names.indexOf(n) !== i);

/** Whether one literal value (no $references) fits a type; empty means "not set" and fits every type. */
const fits: Record<ValueType, (value: string, info: ParameterInfo) => boolean> = {
  boolean: (v) => /^(yes|no)$/i.test(v),
  integer: (v) => /^-?\d+$/.test(v),
  time: (v) => /^\d+[smhdw]?$/.test(v),
  size: (v) => /^\d+$/.test(v),
  enum: (v, info) => info.values?.includes(v) ?? false,
  enumlist: (v, info) => v.split(/[\s,]+/).filter(Boolean).every((w) => info.values?.includes(w)),
  list: () => true,
  maplist: (v) => v.split(/[\s,]+/).filter(Boolean).every((w) => /^\w+:/.test(w) || w.startsWith('{') || w.endsWith('}')),
  restrictions: () => true,
  string: () => true,
  path: () => true,
};

describe('catalogue invariants', () => {
  const params = allParameters();

  test('parameter names are unique and sorted', () => {
    const names = params.map((p) => p.name);
    assert.deepEqual(duplicates(names), []);
    assert.deepEqual(names, [...names].sort());
  });

  test('generated rows are sorted and unique', () => {
    const names = generatedParameters.map((r) => r[0]);
    assert.deepEqual(names, [...names].sort());
    assert.deepEqual(duplicates(names), []);
  });

  test('since-versions and deprecations name real versions', () => {
    const version = /^\d+\.\d+(\.\d+)?$/;
    const bad = params.flatMap((p) =>
      [p.since, p.deprecated?.since, p.deprecated?.removed, p.deprecated?.warnsSince].filter((v) => v !== undefined && !version.test(v)).map((v) => `${p.name}: ${v}`),
    );
    assert.deepEqual(bad, []);
  });

  test('defaults fit their types', () => {
    const misfits = params.flatMap((p) =>
      defaultAlternatives(p.default)
        .filter((v) => v !== '' && !hasReference(v) && !fits[p.type](v, p))
        .map((v) => `${p.name} (${p.type}) = ${v}`),
    );
    assert.deepEqual(misfits, []);
  });

  test('time parameters have a unit, and only they do', () => {
    assert.deepEqual(params.filter((p) => (p.type === 'time') !== (p.timeUnit !== undefined)).map((p) => p.name), []);
  });

  test('enum and enumlist parameters list their values', () => {
    const missing = params.filter((p) => (p.type === 'enum' || p.type === 'enumlist') && !p.values?.length);
    assert.deepEqual(missing.map((p) => p.name), []);
  });

  test('every overlay entry names a real parameter, once', () => {
    const entries = Object.entries(overlayTables).flatMap(([file, table]) => Object.keys(table).map((name) => ({ file, name })));
    assert.deepEqual(entries.filter((e) => !lookupParameter(e.name)).map((e) => `${e.file}: ${e.name}`), []);
    assert.deepEqual(duplicates(entries.map((e) => e.name)), []);
  });

  test('every related name is a real parameter', () => {
    const broken = params.flatMap((p) => (p.related ?? []).filter((r) => !lookupParameter(r)).map((r) => `${p.name} -> ${r}`));
    assert.deepEqual(broken, []);
  });

  test('every deprecated parameter is in the catalogue with our facts, and its replacement exists', () => {
    for (const [name, ours] of Object.entries(deprecatedParameters)) {
      const deprecated = lookupParameter(name)?.deprecated;
      assert.ok(deprecated, name);
      for (const [key, value] of Object.entries(ours)) if (key !== 'since') assert.equal(deprecated[key as keyof typeof deprecated], value, `${name}.${key}`);
      assert.ok(deprecated.since, `${name} has no version`);
    }
    const broken = params.filter((p) => p.deprecated?.replacement && !lookupParameter(p.deprecated.replacement)).map((p) => `${p.name} -> ${p.deprecated?.replacement}`);
    assert.deepEqual(broken, []);
  });

  test('every deprecated restriction is known and its replacement exists', () => {
    for (const [name, deprecation] of Object.entries(deprecatedRestrictions)) {
      assert.deepEqual(lookupRestriction(name)?.deprecated, deprecation, name);
      const replacement = deprecation.replacement ?? '';
      assert.ok(lookupRestriction(replacement) ?? lookupParameter(replacement), `${name} -> ${replacement}`);
    }
  });

  test('at least 80 parameters are documented, in short paragraphs', () => {
    const documented = params.filter((p) => p.doc);
    assert.ok(documented.length >= 80, `only ${documented.length} documented`);
    const long = documented.filter((p) => (p.doc ?? '').length > 600).map((p) => p.name);
    assert.deepEqual(long, []);
  });

  test('service families have unique suffixes and real fallbacks', () => {
    assert.deepEqual(duplicates(serviceFamilies.map((f) => f.suffix)), []);
    assert.deepEqual(serviceFamilies.filter((f) => !lookupParameter(f.fallback)).map((f) => f.suffix), []);
  });

  test('restriction, map type and option word names are unique', () => {
    assert.deepEqual(duplicates(restrictions.map((r) => r.name)), []);
    assert.deepEqual(duplicates(mapTypes.map((m) => m.name)), []);
    assert.deepEqual(duplicates(saslSecurityOptions.map((o) => o.name)), []);
  });

  test('the relay safety set is exactly what Postfix accepts', () => {
    const blocking = restrictions.filter((r) => r.blocksRelay).map((r) => r.name).sort();
    assert.deepEqual(blocking, ['check_relay_domains', 'defer', 'defer_if_permit', 'defer_unauth_destination', 'reject', 'reject_unauth_destination']);
  });

  test('postfixVersion is at least the generated one', () => {
    assert.match(postfixVersion, /^\d+\.\d+/);
  });
});

describe('catalogue lookups', () => {
  const cases: [string, Partial<ParameterInfo>][] = [
    ['smtpd_sasl_auth_enable', { type: 'boolean', default: 'no' }],
    ['smtpd_tls_security_level', { type: 'enum', values: ['none', 'may', 'encrypt'] }],
    ['smtpd_timeout', { type: 'time', timeUnit: 's' }],
    ['message_size_limit', { type: 'size', default: '10240000' }],
    ['smtpd_relay_restrictions', { type: 'restrictions' }],
    ['smtp_sasl_password_maps', { type: 'maplist' }],
    ['smtpd_sasl_security_options', { type: 'enumlist', default: 'noanonymous' }],
    ['lmtp_tls_security_level', { type: 'enum' }],
    ['requiretls_enable', { type: 'boolean', since: '3.11' }],
    ['virtual_maps', { deprecated: { since: '2.0', warnsSince: '3.11', replacement: 'virtual_alias_maps' } }],
    ['smtp_use_tls', { deprecated: { since: '2.3', warnsSince: '3.9', replacement: 'smtp_tls_security_level' } }],
    ['smtpd_tls_cipherlist', { deprecated: { since: '2.3', removed: '2.3', replacement: 'smtpd_tls_mandatory_ciphers' } }],
    ['tls_ffdhe_auto_groups', { since: '3.8' }],
    ['smtp_sasl_password_result_delimiter', { since: '3.9' }],
    ['lmtp_log_tls_feature_status', { since: '3.11' }],
    ['tls_trace_rate_limit', { since: '3.12' }],
    ['smtpd_forbid_unauth_pipelining', { since: '3.5.20' }],
    ['smtpd_sasl_auth_enable', { since: undefined }],
  ];
  for (const [name, expected] of cases) {
    test(name, () => {
      const info = lookupParameter(name);
      assert.ok(info, `${name} is missing`);
      for (const [key, value] of Object.entries(expected)) assert.deepEqual(info[key as keyof ParameterInfo], value, `${name}.${key}`);
    });
  }

  const familyCases: [string, string | undefined, string | undefined][] = [
    ['smtp_destination_recipient_limit', 'smtp', 'destination_recipient_limit'],
    ['relay_recipient_limit', 'relay', 'recipient_limit'],
    ['scalemail-backend_time_limit', 'scalemail-backend', 'time_limit'],
    ['smtpd_recipient_restrictions', undefined, undefined],
    ['_recipient_limit', undefined, undefined],
  ];
  for (const [name, service, suffix] of familyCases) {
    test(`service family of ${name}`, () => {
      const found = lookupServiceFamily(name);
      assert.equal(found?.service, service);
      assert.equal(found?.family.suffix, suffix);
    });
  }

  test('restrictions and map types', () => {
    assert.equal(lookupRestriction('permit_sasl_authenticated')?.permits, true);
    assert.equal(lookupRestriction('check_sender_access')?.argument, 'map');
    assert.equal(lookupRestriction('reject_maps_rbl')?.deprecated?.removed, '3.9');
    assert.equal(lookupMapType('lmdb')?.argument, 'file');
    assert.equal(lookupMapType('nosuchtype'), undefined);
  });
});

const hasPostconf = spawnSync('postconf', ['-d', 'mail_version'], { encoding: 'utf8' }).status === 0;

describe('catalogue against the installed postconf', () => {
  test('every name postconf -d prints is a parameter or a service family member', { skip: hasPostconf ? false : 'postconf is not installed' }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'catalogue-test-'));
    try {
      writeFileSync(join(dir, 'main.cf'), '');
      // Debian's stock master.cf brings the pipe services (maildrop, uucp ...) and their derived names.
      if (existsSync('/etc/postfix/master.cf')) copyFileSync('/etc/postfix/master.cf', join(dir, 'master.cf'));
      else writeFileSync(join(dir, 'master.cf'), '');
      const output = execFileSync('postconf', ['-c', dir, '-d'], { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } });
      const names = output.split('\n').map((line) => line.split(' = ')[0].replace(/ =$/, '')).filter(Boolean);
      assert.ok(names.length > 800, `postconf printed only ${names.length} names`);
      const unknown = names.filter((n) => !lookupParameter(n) && !lookupServiceFamily(n));
      assert.deepEqual(unknown, []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('generated defaults match postconf -d', { skip: hasPostconf ? false : 'postconf is not installed' }, () => {
    const version = execFileSync('postconf', ['-dh', 'mail_version'], { encoding: 'utf8' }).trim();
    if (version !== lookupParameter('mail_version')?.default) return; // another Postfix: names checked above suffice
    const sample = ['smtpd_sasl_security_options', 'smtp_sasl_security_options', 'smtpd_relay_restrictions', 'message_size_limit'];
    const output = execFileSync('postconf', ['-dh', ...sample], { encoding: 'utf8' }).trim().split('\n');
    assert.deepEqual(output, sample.map((n) => lookupParameter(n)?.default));
  });
});
