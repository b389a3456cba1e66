// The whole message catalogue, in one table. Order matters only for speed: the extractor
// tries a line's candidates in this order and keeps the first match (the tests check that
// every example matches exactly one entry, so no order dependence hides there).

import { JOIN } from './join.ts';
import { MEMBERSHIP } from './membership.ts';
import { NAMES } from './names.ts';
import { NETWORK } from './network.ts';
import { QUORUM } from './quorum.ts';
import { RESOURCES } from './resources.ts';
import { SERVICE } from './service.ts';
import type { Recognizer } from './types.ts';

export const CATALOGUE: readonly Recognizer[] = [...JOIN, ...MEMBERSHIP, ...NETWORK, ...RESOURCES, ...QUORUM, ...SERVICE, ...NAMES];

export const RECOGNIZER_INDEX: ReadonlyMap<string, number> = new Map(CATALOGUE.map((r, i) => [r.id, i]));

export * from './types.ts';
