-- Voice minutes (voice-sessions job) and the raw late events of every job.

-- Time in voice per session and UTC day: a session (voice.session.joined .. voice.session.left, or capped at the
-- maximum session length when the leave never came) is split at UTC midnights into one row per day it touches.
-- The key identifies a session piece (session_id + started_ms tell two sessions of one gateway session apart), so
-- a re-emitted session (replay, or a capped session whose leave arrives after all) replaces its rows.
-- voice_ms: milliseconds of the session within the day; capped: 1 when the leave was missing and the session was
-- cut at started_ms + the maximum session length.
CREATE TABLE IF NOT EXISTS voice_session_days (
  guild_id    UInt64,
  day         Date,
  channel_id  UInt64,
  user_id     UInt64,
  session_id  String,
  started_ms  UInt64,
  voice_ms    UInt64,
  capped      UInt8,
  region      String,
  voice_server String,
  version     UInt64
) ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(day)
ORDER BY (guild_id, day, channel_id, user_id, session_id, started_ms);

-- Events a job dropped because they arrived after its allowed lateness (their window or session was final), kept
-- so nothing disappears silently (they are also counted in guildhall_analytics_late_events_total). job: the
-- pipeline that dropped it; event_type: the envelope's type; guild_id 0 for events of no guild; arrived_ms: when
-- the job dropped it; watermark_ms: the pipeline's event-time watermark then (how late it was). A replay that
-- drops the event again replaces its row (one row per pipeline and event).
CREATE TABLE IF NOT EXISTS late_events (
  job          String,
  occurred_at  DateTime('UTC'),
  event_id     String,
  event_type   String,
  guild_id     UInt64,
  occurred_ms  UInt64,
  arrived_ms   UInt64,
  watermark_ms Int64
) ENGINE = ReplacingMergeTree(arrived_ms)
PARTITION BY toYYYYMM(occurred_at)
ORDER BY (job, occurred_at, event_id);
