// completionItem/resolve: the documentation a completion item left out, found from its `data` tag
// and label. Lists go out without docs (a name list would otherwise be hundreds of kilobytes).
import type { CompletionItem } from 'vscode-languageserver-types';
import { lookupMapType, lookupParameter, lookupRestriction } from './data/catalogue';
import { renderMapTypeDocs, renderParameterDocs, renderRestrictionDocs } from './mainCf/docs';
import { snippetDocs } from './snippets';

/** What an item's `data` says it is; the label names the entry. */
export type CompletionData = 'param' | 'restriction' | 'mapType' | 'snippet';

function docsOf(data: unknown, label: string): string | undefined {
  switch (data as CompletionData) {
    case 'param': {
      const info = lookupParameter(label);
      return info && renderParameterDocs(info);
    }
    case 'restriction': {
      const info = lookupRestriction(label);
      return info && renderRestrictionDocs(info);
    }
    case 'mapType': {
      const info = lookupMapType(label);
      return info && renderMapTypeDocs(info);
    }
    case 'snippet':
      return snippetDocs(label);
    default:
      return undefined;
  }
}

export function resolveCompletion(item: CompletionItem): CompletionItem {
  if (item.documentation !== undefined) return item;
  const docs = docsOf(item.data, item.label);
  return docs === undefined ? item : { ...item, documentation: { kind: 'markdown', value: docs } };
}
