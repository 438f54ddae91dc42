-- Engagement and moderation (stream-analytics jobs engagement, members, moderation). Metadata only, never content.

-- Messages per guild, author and UTC day (engagement job, 1-day event-time windows, bot authors excluded).
-- version: epoch ms at which the row was computed; the highest version of a (guild_id, day, user_id) wins.
-- The source of the active-user states below; readers of exact per-user counts use FINAL or argMax.
CREATE TABLE IF NOT EXISTS user_activity_1d (
  guild_id UInt64,
  user_id  UInt64,
  day      Date,
  messages UInt64,
  version  UInt64
) ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(day)
ORDER BY (guild_id, day, user_id);

-- Daily active users per guild as uniq states (read with uniqMerge(users)). Fed by the view below from every
-- insert into user_activity_1d: a re-emitted window inserts the same user again, which uniq absorbs.
CREATE TABLE IF NOT EXISTS active_users_1d (
  guild_id UInt64,
  day      Date,
  users    AggregateFunction(uniq, UInt64)
) ENGINE = AggregatingMergeTree()
PARTITION BY toYYYYMM(day)
ORDER BY (guild_id, day);

CREATE MATERIALIZED VIEW IF NOT EXISTS active_users_1d_mv TO active_users_1d AS
SELECT guild_id, day, uniqState(user_id) AS users
FROM user_activity_1d
GROUP BY guild_id, day;

-- Weekly active users per guild (week = its Monday, UTC) as uniq states (read with uniqMerge(users)).
CREATE TABLE IF NOT EXISTS active_users_1w (
  guild_id UInt64,
  week     Date,
  users    AggregateFunction(uniq, UInt64)
) ENGINE = AggregatingMergeTree()
PARTITION BY toYYYYMM(week)
ORDER BY (guild_id, week);

CREATE MATERIALIZED VIEW IF NOT EXISTS active_users_1w_mv TO active_users_1w AS
SELECT guild_id, toMonday(day) AS week, uniqState(user_id) AS users
FROM user_activity_1d
GROUP BY guild_id, week;

-- Member joins and leaves (left, kicked or banned) per guild and UTC day (members job, 1-day windows).
-- version: epoch ms at which the row was computed; highest wins (FINAL or argMax(x, version)).
CREATE TABLE IF NOT EXISTS member_changes_1d (
  guild_id UInt64,
  day      Date,
  joins    UInt64,
  leaves   UInt64,
  version  UInt64
) ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(day)
ORDER BY (guild_id, day);

-- Moderator actions (moderation.action events): one row per event, metadata only (the free-text reason is not
-- stored). action: kick, ban, unban, timeout, timeout_removed; until_ms: end of a timeout (epoch ms), 0 otherwise;
-- occurred_ms: the envelope's occurred_at (epoch ms). A redelivered event has the same key and replaces its row.
CREATE TABLE IF NOT EXISTS moderation_actions (
  guild_id    UInt64,
  occurred_at DateTime('UTC'),
  event_id    UInt64,
  action      String,
  actor_id    UInt64,
  target_id   UInt64,
  until_ms    UInt64,
  occurred_ms UInt64
) ENGINE = ReplacingMergeTree(occurred_ms)
PARTITION BY toYYYYMM(occurred_at)
ORDER BY (guild_id, occurred_at, event_id);
