-- Threads (issue #3): a thread is a row of channels (type 10/11/12, parent_id = its text or announcement channel)
-- plus its metadata here; thread_members is Discord's explicit thread membership.
CREATE TABLE thread_metadata (
    thread_id              bigint PRIMARY KEY REFERENCES channels (id) ON DELETE CASCADE,
    owner_id               bigint      NOT NULL,
    archived               boolean     NOT NULL DEFAULT false,
    archive_timestamp      timestamptz NOT NULL,
    auto_archive_duration  integer     NOT NULL,
    locked                 boolean     NOT NULL DEFAULT false,
    invitable              boolean     NOT NULL DEFAULT true,
    create_timestamp       timestamptz NOT NULL,
    -- last message, unarchive or auto_archive_duration change: what the auto-archive sweep measures from
    last_activity          timestamptz NOT NULL,
    message_count          integer     NOT NULL DEFAULT 0,
    total_message_sent     integer     NOT NULL DEFAULT 0
);
CREATE INDEX thread_metadata_active ON thread_metadata (last_activity) WHERE NOT archived;

CREATE TABLE thread_members (
    thread_id       bigint      NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    user_id         bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    join_timestamp  timestamptz NOT NULL,
    flags           integer     NOT NULL DEFAULT 0,
    PRIMARY KEY (thread_id, user_id)
);
CREATE INDEX thread_members_user ON thread_members (user_id);
