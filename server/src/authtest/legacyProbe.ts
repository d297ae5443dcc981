import { SessionSettings, SessionState, openSession } from './session';
import { Transcript } from './transcript';

/**
 * Whether the server agrees to TLS 1.0 or 1.1, asked on a connection of its own that offers only those.
 * It runs beside the main test (it sends no secret and judges no certificate), writing to a transcript of
 * its own that is appended after the main one, so the two never interleave.
 */
export interface LegacyProbe {
  /** The protocol the server agreed to, or null when it refused both. */
  accepted: Promise<string | null>;
  transcript: Transcript;
}

export function startLegacyProbe(s: SessionSettings): LegacyProbe {
  const transcript = new Transcript(s.transcript.redactor);
  const accepted = (async () => {
    transcript.note('Probe: does the server accept TLS 1.0 or 1.1?');
    const state: SessionState = {};
    try {
      const conn = await openSession({ ...s, transcript, legacyOnly: true }, state);
      conn.close();
    } catch {
      state.conn?.close();
    }
    const p = state.tls?.protocol;
    const legacy = p === 'TLSv1' || p === 'TLSv1.1' ? p : null;
    transcript.note(legacy ? `Probe: the server accepted ${legacy}.` : 'Probe: the server refused TLS 1.0 and 1.1.');
    return legacy;
  })();
  return { accepted, transcript };
}
