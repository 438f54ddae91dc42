-- AutoMod verdicts (issue #6): automod.verdict events of the automod-verdict job (source "stream"), one row per
-- message. Scores and metadata only, never content.
-- Key (guild_id, day, message_id): a replayed or re-scored message replaces its row (ReplacingMergeTree, highest
-- scored_ms wins), so readers that count use FINAL (or argMax per message_id) and never count a message twice.
-- day: UTC day of message_created_ms. label: the label with the highest score. decision: "allow", "flag" or
-- "block" as the verdict's producer decided it (the stream job: "flag" when label is not "safe" and its score
-- reaches the job's operating threshold, else "allow"). rule_ids: AutoMod rules that matched (empty for the
-- stream job, which does not know the guilds' rules). latency_us: model time per message.
CREATE TABLE IF NOT EXISTS automod_verdicts (
  guild_id           UInt64,
  day                Date,
  message_id         UInt64,
  channel_id         UInt64,
  author_id          UInt64,
  model_version      String,
  safe               Float32,
  spam               Float32,
  toxic              Float32,
  harassment         Float32,
  label              String,
  decision           String,
  rule_ids           Array(UInt64),
  source             String,
  latency_us         UInt64,
  message_created_ms UInt64,
  scored_ms          UInt64
) ENGINE = ReplacingMergeTree(scored_ms)
PARTITION BY toYYYYMM(day)
ORDER BY (guild_id, day, message_id);
