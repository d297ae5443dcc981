// master.cf outline and folding: one symbol per service with its overrides as children; services
// that go over several lines fold.
import { SymbolKind, type DocumentSymbol, type FoldingRange } from 'vscode-languageserver-types';
import type { MasterCfDocument } from './parseMasterCf';

export function masterSymbols(doc: MasterCfDocument): DocumentSymbol[] {
  return doc.services.map((service) => ({
    name: service.name,
    detail: [service.type, service.command?.text].filter(Boolean).join(' · '),
    kind: SymbolKind.Class,
    range: doc.lines.rangeOf(service.span),
    selectionRange: doc.lines.rangeOf(service.nameSpan),
    children: service.overrides.map((o) => ({
      name: o.name || '-o',
      detail: o.value.text,
      kind: SymbolKind.Property,
      range: doc.lines.rangeOf(o.span),
      selectionRange: doc.lines.rangeOf(o.name ? o.nameSpan : o.span),
    })),
  }));
}

export function masterFolding(doc: MasterCfDocument): FoldingRange[] {
  return doc.services.filter((s) => s.lastLine > s.firstLine).map((s) => ({ startLine: s.firstLine, endLine: s.lastLine }));
}
