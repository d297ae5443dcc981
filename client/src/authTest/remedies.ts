// Pure (no vscode import): what the editor's auth test tells the user to do, naming its own controls.
import type { Remedies } from '../../../server/src/authtest';

export const TRUST_BUTTON = 'Trust This Certificate…';
export const TRUST_NEW_BUTTON = 'Trust the New Certificate…';
export const PROFILES_SETTING = 'postfixSasl.authTest.profiles';

export const EDITOR_REMEDIES: Remedies = {
  trustCa: `give the issuing CA as "caFile" in the profile (setting ${PROFILES_SETTING}) or at the certificate step of the test`,
  untrusted: `Compare its fingerprint with the server's and press "${TRUST_BUTTON}", or give the issuing CA as "caFile" in the profile (setting ${PROFILES_SETTING}) or at the certificate step of the test.`,
  pinChanged: `If the server got a new certificate on purpose, compare its fingerprint with the server's and press "${TRUST_NEW_BUTTON}"; if not, something may be between you and the server.`,
  useStarttls: `choose the TLS mode starttls ("tls" in the profile, or the TLS mode step of the test)`,
  useImplicit: `choose the TLS mode implicit ("tls" in the profile, or the TLS mode step of the test)`,
};
