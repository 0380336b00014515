import type { Migration } from '../migrate.ts';
import { m001Initial } from './001-initial.ts';
import { m002SeatMedia } from './002-seat-media.ts';

/** In version order; each file is one schema version and is never edited after release. */
export const MIGRATIONS: readonly Migration[] = [m001Initial, m002SeatMedia];
