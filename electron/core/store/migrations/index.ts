import type { Migration } from '../migrate.ts';
import { m001Initial } from './001-initial.ts';
import { m002SeatMedia } from './002-seat-media.ts';
import { m003TranscriptionAndAi } from './003-transcription-and-ai.ts';
import { m004SeatSendAudio } from './004-seat-send-audio.ts';
import { m005QueueAndAgentStates } from './005-queue-and-agent-states.ts';
import { m006FaxDocuments } from './006-fax-documents.ts';
import { m008CallTotals } from './008-call-totals.ts';
import { m007KeyQuotasAndSipRouting } from './007-key-quotas-and-sip-routing.ts';
import { m009CallsList } from './009-calls-list.ts';
import { m010AuditLog } from './010-audit-log.ts';
import { m011LiveAndHandledCallsIndexes } from './011-live-and-handled-calls-indexes.ts';

/** In version order; each file is one schema version and is never edited after release. */
export const MIGRATIONS: readonly Migration[] = [m001Initial, m002SeatMedia, m003TranscriptionAndAi, m004SeatSendAudio, m005QueueAndAgentStates, m006FaxDocuments, m007KeyQuotasAndSipRouting, m008CallTotals, m009CallsList, m010AuditLog, m011LiveAndHandledCallsIndexes];
