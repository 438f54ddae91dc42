-- AutoMod (issue #6): Discord's auto moderation rules, and the moderation review queue that AutoMod fills.

-- One row per rule; rule holds Discord's rule object (trigger metadata, actions, exemptions) as JSON.
CREATE TABLE automod_rules (
    id            bigint PRIMARY KEY,
    guild_id      bigint      NOT NULL REFERENCES guilds (id) ON DELETE CASCADE,
    trigger_type  integer     NOT NULL,
    rule          jsonb       NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX automod_rules_guild ON automod_rules (guild_id, id);

-- Messages AutoMod flagged (FLAG_TO_QUEUE) or blocked (BLOCK_MESSAGE), one row per message and rule, for
-- moderators to review. A blocked message is never stored in messages: its content is kept here (and only here),
-- so nothing vanishes without trace. message_id is the stored message (flagged) or the id it would have had.
CREATE TABLE automod_review_queue (
    id               bigint PRIMARY KEY,
    guild_id         bigint      NOT NULL REFERENCES guilds (id) ON DELETE CASCADE,
    channel_id       bigint      NOT NULL,
    message_id       bigint      NOT NULL,
    author_id        bigint      NOT NULL,
    rule_id          bigint      NOT NULL,
    rule_name        text        NOT NULL,
    trigger_type     integer     NOT NULL,
    blocked          boolean     NOT NULL,
    matched_keyword  text,
    matched_content  text,
    reason           text,
    blocked_content  text,
    scores           jsonb,
    model_pending    boolean     NOT NULL DEFAULT false,
    status           text        NOT NULL DEFAULT 'pending',
    created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX automod_review_queue_guild ON automod_review_queue (guild_id, status, id DESC);
