-- Messages per guild, channel and minute (stream-analytics engagement job).
-- version: epoch ms at which the row was computed; the highest version of a (guild_id, channel_id, minute) wins,
-- so readers use FINAL or argMax(messages, version) and a re-emitted window replaces the earlier row.
-- The database is the one of the connection (guildhall in production), hence unqualified names.
CREATE TABLE IF NOT EXISTS message_counts_1m (
  guild_id   UInt64,
  channel_id UInt64,
  minute     DateTime('UTC'),
  messages   UInt64,
  version    UInt64
) ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(minute)
ORDER BY (guild_id, channel_id, minute);
