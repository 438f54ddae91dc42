-- Voice quality v2 (voice-quality job): every voice.quality sample raw, and per-minute aggregates per
-- (region, voice server, guild, channel) and per (region, voice server) with quantile-digest states. Metadata only:
-- there is no media content.

-- Every sample (one inbound RTP stream over one 5 s interval), as the relay measured it. Version-1 samples have
-- NULL rtt_ms (when not measured), packets_late, bitrate_kbps and mos. occurred_ms: the envelope's occurred_at;
-- a redelivered event (same event_id) replaces its row.
CREATE TABLE IF NOT EXISTS voice_quality_samples (
  region           String,
  voice_server     String,
  guild_id         UInt64,
  channel_id       UInt64,
  user_id          UInt64,
  ssrc             UInt32,
  occurred_at      DateTime('UTC'),
  event_id         String,
  window_ms        UInt32,
  packets_expected UInt64,
  packets_received UInt64,
  packets_lost     UInt64,
  jitter_ms        Float64,
  rtt_ms           Nullable(Float64),
  packets_late     Nullable(UInt64),
  bitrate_kbps     Nullable(Float64),
  mos              Nullable(Float64),
  occurred_ms      UInt64
) ENGINE = ReplacingMergeTree(occurred_ms)
PARTITION BY toYYYYMM(occurred_at)
ORDER BY (region, voice_server, occurred_at, event_id);

-- Per-minute aggregates per (region, voice server, guild, channel). One row per event-time minute window; the job
-- re-emits a window (early firing, late sample, replay after a restart) with a newer version, and the newest
-- replaces the older (ReplacingMergeTree), so read with FINAL. rtt_ms / jitter_ms are quantilesTDigest states:
-- quantilesTDigestMerge(0.5, 0.95, 0.99)(rtt_ms) merges any set of rows (servers, regions, hours) into p50/p95/p99.
-- rtt_samples / mos_samples / bitrate_samples count the samples that carried the value (NULL ones are left out).
CREATE TABLE IF NOT EXISTS voice_quality_channel_1m (
  region           String,
  voice_server     String,
  guild_id         UInt64,
  channel_id       UInt64,
  minute           DateTime('UTC'),
  samples          UInt64,
  rtt_samples      UInt64,
  rtt_ms           AggregateFunction(quantilesTDigest(0.5, 0.95, 0.99), Float64),
  jitter_ms        AggregateFunction(quantilesTDigest(0.5, 0.95, 0.99), Float64),
  packets_expected UInt64,
  packets_lost     UInt64,
  packets_late     UInt64,
  mos_samples      UInt64,
  mos_sum          Float64,
  bitrate_samples  UInt64,
  bitrate_sum      Float64,
  version          UInt64
) ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(minute)
ORDER BY (minute, region, voice_server, guild_id, channel_id);

-- The same per (region, voice server) and minute: the roll-up the time series, heatmap and server ranking read
-- (a few rows per server and minute instead of one per active channel). The job computes it from the samples in
-- its own window, so it is exactly the merge of the server's channel rows.
CREATE TABLE IF NOT EXISTS voice_quality_server_1m (
  region           String,
  voice_server     String,
  minute           DateTime('UTC'),
  samples          UInt64,
  rtt_samples      UInt64,
  rtt_ms           AggregateFunction(quantilesTDigest(0.5, 0.95, 0.99), Float64),
  jitter_ms        AggregateFunction(quantilesTDigest(0.5, 0.95, 0.99), Float64),
  packets_expected UInt64,
  packets_lost     UInt64,
  packets_late     UInt64,
  mos_samples      UInt64,
  mos_sum          Float64,
  bitrate_samples  UInt64,
  bitrate_sum      Float64,
  version          UInt64
) ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(minute)
ORDER BY (minute, region, voice_server);

-- Where the job writes a channel window row: the window's values as arrays (sorted, so a re-emitted window yields the same
-- digest). Stores nothing itself (Null engine); the view below turns each inserted row into one row of
-- voice_quality_channel_1m with the digest states built by arrayReduce.
CREATE TABLE IF NOT EXISTS voice_quality_channel_1m_input (
  region           String,
  voice_server     String,
  guild_id         UInt64,
  channel_id       UInt64,
  minute           DateTime('UTC'),
  samples          UInt64,
  rtt_values       Array(Float64),
  jitter_values    Array(Float64),
  packets_expected UInt64,
  packets_lost     UInt64,
  packets_late     UInt64,
  mos_samples      UInt64,
  mos_sum          Float64,
  bitrate_samples  UInt64,
  bitrate_sum      Float64,
  version          UInt64
) ENGINE = Null;

CREATE MATERIALIZED VIEW IF NOT EXISTS voice_quality_channel_1m_mv TO voice_quality_channel_1m AS
SELECT region, voice_server, guild_id, channel_id, minute, samples,
       toUInt64(length(rtt_values)) AS rtt_samples,
       arrayReduce('quantilesTDigestState(0.5, 0.95, 0.99)', rtt_values) AS rtt_ms,
       arrayReduce('quantilesTDigestState(0.5, 0.95, 0.99)', jitter_values) AS jitter_ms,
       packets_expected, packets_lost, packets_late, mos_samples, mos_sum, bitrate_samples, bitrate_sum, version
FROM voice_quality_channel_1m_input;

CREATE TABLE IF NOT EXISTS voice_quality_server_1m_input (
  region           String,
  voice_server     String,
  minute           DateTime('UTC'),
  samples          UInt64,
  rtt_values       Array(Float64),
  jitter_values    Array(Float64),
  packets_expected UInt64,
  packets_lost     UInt64,
  packets_late     UInt64,
  mos_samples      UInt64,
  mos_sum          Float64,
  bitrate_samples  UInt64,
  bitrate_sum      Float64,
  version          UInt64
) ENGINE = Null;

CREATE MATERIALIZED VIEW IF NOT EXISTS voice_quality_server_1m_mv TO voice_quality_server_1m AS
SELECT region, voice_server, minute, samples,
       toUInt64(length(rtt_values)) AS rtt_samples,
       arrayReduce('quantilesTDigestState(0.5, 0.95, 0.99)', rtt_values) AS rtt_ms,
       arrayReduce('quantilesTDigestState(0.5, 0.95, 0.99)', jitter_values) AS jitter_ms,
       packets_expected, packets_lost, packets_late, mos_samples, mos_sum, bitrate_samples, bitrate_sum, version
FROM voice_quality_server_1m_input;
