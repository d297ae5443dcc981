// Completion, hover, outline and folding for Dovecot files.
import { SymbolKind, type CompletionItem, type DocumentSymbol, type FoldingRange, type Hover } from 'vscode-languageserver-types';
import { dovecotMechanisms, dovecotSections, dovecotSettings, lookupDovecotMechanism, lookupDovecotSection, lookupDovecotSetting, passdbDrivers } from '../data/dovecotSettings';
import { commentFolding, hoverAt, inside, keyKind, wordItems, wordSpanAt } from '../featureHelpers';
import type { DovecotFile } from './dovecotFile';
import type { DovecotNode, DovecotSection } from './parse';

/** The innermost section whose body holds `offset` (an unclosed one runs to the end of the file). */
function sectionAt(file: DovecotFile, offset: number): DovecotSection {
  const line = file.lines.positionAt(offset).line;
  const holds = (s: DovecotSection) => s.line < line && (line < s.endLine || (line === s.endLine && file.text[s.span.end - 1] !== '}'));
  let at = file.dovecot.root;
  for (let inner = at; inner; inner = at.children.find((c): c is DovecotSection => c.kind === 'section' && holds(c))!) at = inner;
  return at;
}

const VERSION_NOTE = { '2.3': ' *(Dovecot 2.3)*', '2.4': ' *(Dovecot 2.4)*', both: '' } as const;

export function completeDovecot(file: DovecotFile, at: number): CompletionItem[] {
  const { lines, text } = file;
  const line = lines.positionAt(at).line;
  const lineStart = lines.lineStarts[line];
  // An offset between the CR and LF of a line end means the end of the line.
  const offset = Math.min(at, lines.lineEnd(line));
  const before = text.slice(lineStart, offset);
  if (before.includes('#')) return [];
  const word = wordSpanAt(text, lineStart, offset);
  const section = sectionAt(file, offset);
  const eq = before.indexOf('=');
  if (eq === -1) {
    if (/\S\s+\S*$/.test(before)) return [];
    const settings = dovecotSettings.filter((s) => (s.within ? s.within.includes(section.type) : section.type === '' || section.type === 'protocol'));
    const items = wordItems(lines, word, settings.map((s) => ({ name: s.name, doc: s.doc + VERSION_NOTE[s.version] })), keyKind, ' = ');
    const sections = section.type === 'service' ? dovecotSections.filter((s) => s.name.endsWith('_listener')) : section.type === '' ? dovecotSections.filter((s) => !s.name.endsWith('_listener')) : [];
    return [...items, ...wordItems(lines, word, sections, keyKind, ' ')];
  }
  const key = before.slice(0, eq).trim();
  const used = new Set(before.slice(eq + 1).toLowerCase().split(/[\s,]+/));
  if (key === 'auth_mechanisms') return wordItems(lines, word, dovecotMechanisms.filter((m) => !m.private && !used.has(m.name)));
  if (key === 'driver' && section.type === 'passdb') return wordItems(lines, word, passdbDrivers);
  const info = lookupDovecotSetting(key);
  return wordItems(lines, word, (info?.values ?? []).map((v) => ({ name: v, doc: `A value of \`${key}\`.` })));
}

export function hoverDovecot(file: DovecotFile, offset: number): Hover | null {
  const setting = file.dovecot.settings.find((s) => inside(s.keySpan, offset) || inside(s.valueSpan, offset));
  if (setting && inside(setting.keySpan, offset)) {
    const info = lookupDovecotSetting(setting.key);
    if (!info || (info.within && !info.within.includes(setting.parent.type))) return null;
    return hoverAt(file.lines, setting.keySpan, `**${info.name}**${VERSION_NOTE[info.version]}\n\n${info.doc}${info.default !== undefined ? `\n\nDefault: \`${info.default || '(empty)'}\`` : ''}`);
  }
  if (setting && setting.key === 'auth_mechanisms') {
    const span = wordSpanAt(file.text, setting.valueSpan.start, offset);
    const mech = lookupDovecotMechanism(file.text.slice(span.start, span.end));
    return mech ? hoverAt(file.lines, span, `**${mech.name.toUpperCase()}**\n\n${mech.doc}`) : null;
  }
  const section = file.dovecot.sections.find((s) => inside(s.typeSpan, offset));
  const info = section && lookupDovecotSection(section.type);
  return section && info ? hoverAt(file.lines, section.typeSpan, `**${info.name}**\n\n${info.doc}`) : null;
}

/** The outline nests sections this deep at most; what lies deeper is listed flat in the last level,
 * so neither we nor the JSON encoder of the reply recurse once per level of a hostile file. */
const MAX_OUTLINE_DEPTH = 64;

/** A node's own symbol, without children. */
function symbolOf(file: DovecotFile, node: DovecotNode): DocumentSymbol {
  const range = (start: number, end: number) => file.lines.rangeOf({ start, end });
  if (node.kind === 'setting') return { name: node.key, detail: node.value, kind: SymbolKind.Property, range: range(node.keySpan.start, node.valueSpan.end), selectionRange: range(node.keySpan.start, node.keySpan.end) };
  if (node.kind === 'include') return { name: node.optional ? '!include_try' : '!include', detail: node.path, kind: SymbolKind.File, range: range(node.keySpan.start, node.pathSpan.end), selectionRange: range(node.pathSpan.start, node.pathSpan.end) };
  return { name: node.name ? `${node.type} ${node.name}` : node.type, kind: SymbolKind.Namespace, range: range(node.span.start, node.span.end), selectionRange: range(node.typeSpan.start, (node.nameSpan ?? node.typeSpan).end), children: [] };
}

function symbolsOf(file: DovecotFile, nodes: readonly DovecotNode[], depth: number): DocumentSymbol[] {
  return nodes.map((node) => {
    const symbol = symbolOf(file, node);
    if (node.kind === 'section') symbol.children = depth < MAX_OUTLINE_DEPTH ? symbolsOf(file, node.children, depth + 1) : descendants(node).map((d) => symbolOf(file, d));
    return symbol;
  });
}

/** Every node inside `section`, at any depth, in file order (without recursion). */
function descendants(section: DovecotSection): DovecotNode[] {
  const out: DovecotNode[] = [];
  const stack = [...section.children].reverse();
  for (let node = stack.pop(); node; node = stack.pop()) {
    out.push(node);
    if (node.kind === 'section') for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
  }
  return out;
}

export function dovecotSymbols(file: DovecotFile): DocumentSymbol[] {
  return symbolsOf(file, file.dovecot.root.children, 1);
}

export function dovecotFolding(file: DovecotFile): FoldingRange[] {
  const sections = file.dovecot.sections.filter((s) => s.endLine > s.line).map((s) => ({ startLine: s.line, endLine: s.endLine - 1 }));
  return [...sections, ...commentFolding(file.dovecot.comments)];
}
