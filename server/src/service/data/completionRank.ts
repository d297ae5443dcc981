// Which parameters a name completion offers first: the overlay groups this extension is about, in this
// order, each in its overlay's own order (the most used first). Every other name follows alphabetically.
import { overlayTables } from './overlay';

export const rankedOverlayGroups = ['sasl', 'tls', 'restrictions', 'identity'] as const satisfies ReadonlyArray<keyof typeof overlayTables>;
