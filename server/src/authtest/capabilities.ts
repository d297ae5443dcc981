/** What a server said in its EHLO reply, kept as plain data so it serialises to JSON. */
export interface Capabilities {
  /** The first line after the code: the server's name and greeting. */
  greeting: string;
  /** Every extension keyword (upper case) with its parameters. */
  extensions: Record<string, string[]>;
  /** Mechanisms from `AUTH mech …` lines, upper case, in the server's order. */
  auth: string[];
  /** Mechanisms from the old `AUTH=mech …` form (Postfix's broken_sasl_auth_clients). */
  authLegacy: string[];
  starttls: boolean;
}

export function emptyCapabilities(): Capabilities {
  return { greeting: '', extensions: {}, auth: [], authLegacy: [], starttls: false };
}

/** Parses the text lines of a 250 EHLO reply (codes already removed). */
export function parseEhlo(lines: readonly string[]): Capabilities {
  const caps = emptyCapabilities();
  caps.greeting = lines[0] ?? '';
  for (const line of lines.slice(1)) {
    const text = line.trim();
    if (!text) continue;
    const legacy = /^AUTH=(.*)$/i.exec(text);
    if (legacy) {
      const mechs = splitWords(legacy[1]).map((m) => m.toUpperCase());
      caps.authLegacy.push(...mechs.filter((m) => !caps.authLegacy.includes(m)));
      caps.extensions['AUTH='] = caps.authLegacy;
      continue;
    }
    const [keyword, ...params] = splitWords(text);
    const name = keyword.toUpperCase();
    caps.extensions[name] = params;
    if (name === 'AUTH') {
      for (const m of params.map((p) => p.toUpperCase())) if (!caps.auth.includes(m)) caps.auth.push(m);
    }
    if (name === 'STARTTLS') caps.starttls = true;
  }
  return caps;
}

/** Every mechanism offered in either form, in order, without repeats. */
export function offeredMechanisms(caps: Capabilities): string[] {
  const out = [...caps.auth];
  for (const m of caps.authLegacy) if (!out.includes(m)) out.push(m);
  return out;
}

function splitWords(s: string): string[] {
  return s.split(/\s+/).filter(Boolean);
}
