-- Guild administration: bans (a banned user cannot rejoin) and the audit log of moderator actions.
CREATE TABLE bans (
    guild_id    bigint      NOT NULL REFERENCES guilds (id) ON DELETE CASCADE,
    user_id     bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    reason      text,
    actor_id    bigint      NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (guild_id, user_id)
);

-- One row per moderator action, written in the action's transaction. action_type is Discord's audit log event
-- value; changes/options hold Discord's audit log change objects and optional entry info as JSON.
CREATE TABLE audit_log_entries (
    id           bigint PRIMARY KEY,
    guild_id     bigint      NOT NULL REFERENCES guilds (id) ON DELETE CASCADE,
    user_id      bigint,
    action_type  integer     NOT NULL,
    target_id    bigint,
    changes      jsonb,
    options      jsonb,
    reason       text,
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_log_entries_guild ON audit_log_entries (guild_id, id DESC);
