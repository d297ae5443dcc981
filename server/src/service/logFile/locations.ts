// The instance's lines for a recognised log line, found once per kind of line: a log of 50,000 lines
// has few distinct (message, service, key) triples.
import type { Instance } from '../instance/instance';
import { locateMessage } from '../log/explainGroups';
import type { ConfigLocation } from '../log/locate';
import type { RecognisedLine } from './recognise';

export class LocationCache {
  private readonly found = new Map<string, ConfigLocation[]>();
  constructor(readonly instance: Instance | undefined) {}

  of(r: RecognisedLine): ConfigLocation[] {
    if (!this.instance) return [];
    const id = `${r.message.code}\0${r.record.service}\0${r.record.daemon}\0${r.key}`;
    let locations = this.found.get(id);
    if (!locations) {
      locations = locateMessage(this.instance, r.message, [r.record], r.key);
      this.found.set(id, locations);
    }
    return locations;
  }
}

/** What the instance's line is, for a hover or a related-information entry. */
export function describeLocation(l: ConfigLocation): string {
  return l.unset ? `${l.setting} is not set (the default applies): set it here` : l.setting;
}
