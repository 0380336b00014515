import type { Migration } from '../migrate.ts';

/**
 * Live transcription and AI calls (issue 4):
 * - transcript segments carry the key the console gave them, so a segment retried after a crash
 *   is stored once;
 * - calls get the post-call analysis (disposition, its state) and the OpenAI Realtime call id;
 * - assistants get everything an AI voice agent needs (greeting, transcription, provider
 *   settings; the provider's API key sealed);
 * - webhook ids are remembered so a replayed delivery is refused, also after a restart;
 * - the call timeline is the audit trail: rows can be added, never changed.
 */
export const m003TranscriptionAndAi: Migration = {
  version: 3,
  name: 'transcription and ai',
  up(db) {
    db.exec(`
      ALTER TABLE transcript_segments ADD COLUMN segment_key TEXT;
      CREATE UNIQUE INDEX transcript_segments_key ON transcript_segments(call_id, segment_key) WHERE segment_key IS NOT NULL;

      ALTER TABLE calls ADD COLUMN disposition TEXT;
      ALTER TABLE calls ADD COLUMN analysis_state TEXT CHECK (analysis_state IN ('pending', 'done', 'failed', 'skipped'));
      ALTER TABLE calls ADD COLUMN realtime_call_id TEXT;
      CREATE UNIQUE INDEX calls_realtime_call_id ON calls(realtime_call_id) WHERE realtime_call_id IS NOT NULL;
      CREATE INDEX calls_analysis_pending ON calls(analysis_state) WHERE analysis_state = 'pending';

      ALTER TABLE assistants ADD COLUMN greeting TEXT;
      ALTER TABLE assistants ADD COLUMN transcription_model TEXT;
      ALTER TABLE assistants ADD COLUMN transcription_language TEXT;
      ALTER TABLE assistants ADD COLUMN llm_provider TEXT NOT NULL DEFAULT 'openai';
      ALTER TABLE assistants ADD COLUMN llm_provider_config TEXT NOT NULL DEFAULT '{}';
      ALTER TABLE assistants ADD COLUMN llm_api_key_sealed TEXT;
      ALTER TABLE assistants ADD COLUMN llm_settings TEXT NOT NULL DEFAULT '{}';
      ALTER TABLE assistants ADD COLUMN tts_settings TEXT NOT NULL DEFAULT '{}';
      ALTER TABLE assistants ADD COLUMN stt_settings TEXT NOT NULL DEFAULT '{}';
      ALTER TABLE assistants ADD COLUMN created_by TEXT;

      CREATE TABLE webhook_deliveries (
        webhook_id TEXT PRIMARY KEY,
        tenant_id TEXT NOT NULL,
        event_type TEXT NOT NULL,
        received_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX webhook_deliveries_received ON webhook_deliveries(received_at);

      CREATE TRIGGER call_events_append_only BEFORE UPDATE ON call_events
      BEGIN SELECT RAISE(ABORT, 'call_events is append-only'); END;
    `);
  },
};
