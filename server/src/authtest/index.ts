/** The SMTP AUTH tester shared by the CLI and the VS Code command. Pure Node: no vscode, no LSP. */
export { runAuthTest, DEFAULT_PORTS } from './runAuthTest';
export type { AuthTestOptions, AuthTestResult, TestStop, Verdict, TlsMode } from './runAuthTest';
export type { MechanismResult, Outcome } from './authExchange';
export type { Capabilities } from './capabilities';
export { parseEhlo, offeredMechanisms } from './capabilities';
export type { Finding, Severity } from './findings';
export { FINDING_RULES } from './findings';
export type { TlsInfo, CertificateInfo, Verification } from './tlsInfo';
export type { TranscriptEntry } from './transcript';
export { formatTranscript } from './transcript';
export { formatTextReport, formatMarkdownReport, reportHeadline } from './report';
export { CLI_REMEDIES } from './remedies';
export type { Remedies } from './remedies';
export { normalizeFingerprint } from './trust';
export { SmtpTestError } from './errors';
export type { Stage } from './errors';
export { parseHostPort } from './validate';
export { SUPPORTED_MECHANISMS } from './mechanisms';
