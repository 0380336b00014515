import type { Migration } from '../migrate.ts';

/** Whether a headless seat sends audio (1) or only listens (0: answers recvonly, sends no RTP). */
export const m004SeatSendAudio: Migration = {
  version: 4,
  name: 'seat send audio',
  up(db) {
    db.exec(`ALTER TABLE agents ADD COLUMN sip_send_audio INTEGER NOT NULL DEFAULT 1 CHECK (sip_send_audio IN (0, 1))`);
  },
};
