import type { Migration } from '../migrate.ts';

/** Where a seat's audio lives: in its console (WebRTC) or in the core itself (headless RTP). */
export const m002SeatMedia: Migration = {
  version: 2,
  name: 'seat media',
  up(db) {
    db.exec(`ALTER TABLE agents ADD COLUMN sip_media TEXT NOT NULL DEFAULT 'renderer' CHECK (sip_media IN ('renderer', 'headless'))`);
  },
};
