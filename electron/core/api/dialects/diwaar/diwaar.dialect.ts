import type { FastifyInstance } from 'fastify';
import type { ApiDeps } from '../../api-deps.ts';
import { diwaarCallFiguresRoutes } from './call-figures.route.ts';
import { diwaarRecordingsRoutes } from './recordings.route.ts';

/**
 * Seed 004 (Diwaar) lives inside `/api/v1` with our keys and errors (which carry its
 * `detail`/`type`): the native calls routes take its filters (`skip`, `status`, `assistant_id`,
 * `speaker`); these add its count, stats and recordings.
 */
export async function diwaarRoutes(v1: FastifyInstance, deps: ApiDeps): Promise<void> {
  await diwaarCallFiguresRoutes(v1, deps);
  await diwaarRecordingsRoutes(v1, deps);
}
