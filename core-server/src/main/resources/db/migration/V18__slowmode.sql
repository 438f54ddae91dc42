-- Slowmode (rate_limit_per_user): when a user may next send a message in a channel or thread. Claimed in the send
-- transaction, so concurrent sends of one user in one channel serialize on the row and a failed send claims nothing.
CREATE TABLE slowmode_cooldowns (
    channel_id  bigint      NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    user_id     bigint      NOT NULL,
    next_at     timestamptz NOT NULL,
    PRIMARY KEY (channel_id, user_id)
);
