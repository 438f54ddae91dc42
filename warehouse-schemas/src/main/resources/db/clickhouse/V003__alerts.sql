-- Voice SLO alerts (alert.voice events from quality-monitor on guildhall.alerts), one row per alert state.
-- Key (region, alert_id, state): an alert has at most one "open" and one "resolved" row, so both transitions
-- stay visible; a redelivered or re-emitted event replaces its row (ReplacingMergeTree, highest occurred_at wins).
-- occurred_at: the envelope's occurred_at (epoch ms, UTC); event_id: the envelope's event_id (snowflake, as text).
-- window_start / window_end: the SLO window the alert was computed on (seconds precision).
CREATE TABLE IF NOT EXISTS alerts (
  alert_id     String,
  region       String,
  metric       String,
  state        String,
  value        Float64,
  threshold    Float64,
  window_start DateTime('UTC'),
  window_end   DateTime('UTC'),
  occurred_at  UInt64,
  event_id     String
) ENGINE = ReplacingMergeTree(occurred_at)
PARTITION BY toYYYYMM(window_start)
ORDER BY (region, alert_id, state);
