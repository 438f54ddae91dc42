-- Review queue (issue #6/#7): moderators claim and resolve the items AutoMod opened (V19).

-- A claim is a moderator's lease on a pending item until claim_expires_at: nobody else may claim or resolve it
-- before then, and an abandoned claim simply lapses. A resolution records who decided, when, how (approve,
-- remove, timeout, kick, ban), why, the timeout's end, and the text decided on (the message may be deleted by the
-- decision, the text stays as labelled training data).
ALTER TABLE automod_review_queue
    ADD COLUMN claimed_by        bigint,
    ADD COLUMN claim_expires_at  timestamptz,
    ADD COLUMN resolution        text,
    ADD COLUMN resolved_by       bigint,
    ADD COLUMN resolved_at       timestamptz,
    ADD COLUMN resolution_reason text,
    ADD COLUMN timeout_until     timestamptz,
    ADD COLUMN decided_content   text;

-- the author's earlier items (detail view) and the decisions export
CREATE INDEX automod_review_queue_author ON automod_review_queue (guild_id, author_id, id DESC);
CREATE INDEX automod_review_queue_resolved ON automod_review_queue (guild_id, resolved_at) WHERE resolved_at IS NOT NULL;

-- the author's recent messages in the guild (detail view) without scanning every channel
CREATE INDEX messages_guild_author ON messages (guild_id, author_id, id DESC);
