// V8's defaults suit a program that allocates ever more. A language server re-parses the same document
// on every keystroke: each parse lives until the next one, so left alone V8 grows the young generation
// to 2 × 16 MB and lets the old one double before it collects, and a burst of typing takes the server
// from 60 MB to 120 MB. These two flags are read by the collector whenever it decides to grow (they are
// not fixed when the heap is set up), so setting them first thing keeps the server near the size of
// what it holds (measured by npm run bench: 61 MB with a 20,000-line main.cf open, 69 MB after 1,000
// edits, at the same edit latency).
// Imported first by server.ts for this effect alone, before any other module allocates.
import { setFlagsFromString } from 'node:v8';

setFlagsFromString('--semi-space-growth-factor=1');
setFlagsFromString('--heap-growing-percent=20');
