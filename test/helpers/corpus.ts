// Where the shared real-world corpus lives: $POSTFIX_SASL_CORPUS, else ../shared/corpus beside the
// repository. It is read in place, never copied; tests that need it skip when it is absent.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const corpusDir: string | undefined = [process.env.POSTFIX_SASL_CORPUS, resolve(__dirname, '..', '..', '..', 'shared', 'corpus')].find(
  (dir): dir is string => !!dir && existsSync(join(dir, 'SOURCES.md')),
);

/** For `it(name, { skip: corpusSkip }, ...)`. */
export const corpusSkip: string | false = corpusDir ? false : 'the shared corpus (../shared/corpus or $POSTFIX_SASL_CORPUS) is not here';
