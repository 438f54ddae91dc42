-- Member joins and leaves as single events (members job), for new-member retention cohorts.
-- joined: 1 = member.joined, 0 = member.left (left, kicked or banned); occurred_ms: the envelope's occurred_at.
-- Key (guild_id, occurred_at, event_id): a redelivered event replaces its row.
CREATE TABLE IF NOT EXISTS member_events (
  guild_id    UInt64,
  occurred_at DateTime('UTC'),
  event_id    UInt64,
  user_id     UInt64,
  joined      UInt8,
  occurred_ms UInt64
) ENGINE = ReplacingMergeTree(occurred_ms)
PARTITION BY toYYYYMM(occurred_at)
ORDER BY (guild_id, occurred_at, event_id);
