-- Slowmode (rate_limit_per_user): when a user may next send a message (action 0) or start a thread (action 1) in a
-- channel or thread. Claimed in the action's transaction, so concurrent attempts of one user serialize on the row
-- and an action that fails claims nothing.
CREATE TABLE slowmode_cooldowns (
    channel_id  bigint      NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    user_id     bigint      NOT NULL,
    action      smallint    NOT NULL,
    next_at     timestamptz NOT NULL,
    PRIMARY KEY (channel_id, user_id, action)
);
