// All hand-written parameter overlays in one table; a name may appear in only one file.
import { correctionsOverlay } from './corrections';
import { identityOverlay } from './identity';
import { restrictionsOverlay } from './restrictions';
import { saslOverlay } from './sasl';
import type { OverlayTable } from './shape';
import { tlsOverlay } from './tls';

export const overlayTables: Readonly<Record<string, OverlayTable>> = {
  corrections: correctionsOverlay,
  identity: identityOverlay,
  restrictions: restrictionsOverlay,
  sasl: saslOverlay,
  tls: tlsOverlay,
};

export type { OverlayTable, ParameterOverlay } from './shape';
