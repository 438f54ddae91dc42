-- Voice quality per region, voice server and minute (stream-analytics voice-quality job).
-- samples: voice.quality samples aggregated into the minute; loss_ratio: sum(lost) / sum(expected) over the minute.
-- version: epoch ms at which the row was computed; highest wins (FINAL or argMax(x, version)).
CREATE TABLE IF NOT EXISTS voice_quality_1m (
  region        String,
  voice_server  String,
  minute        DateTime('UTC'),
  samples       UInt64,
  jitter_p50_ms Float64,
  jitter_p95_ms Float64,
  loss_ratio    Float64,
  version       UInt64
) ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(minute)
ORDER BY (region, voice_server, minute);
