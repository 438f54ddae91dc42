-- Messages beyond create: edits and reactions (issue 3, messages slice).

ALTER TABLE messages ADD COLUMN edited_at timestamptz;

-- One row per (message, emoji, user). emoji_key is the custom emoji's id, or the Unicode emoji itself.
CREATE TABLE message_reactions (
    message_id  bigint      NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    emoji_key   text        NOT NULL,
    emoji_id    bigint,
    emoji_name  text        NOT NULL,
    user_id     bigint      NOT NULL REFERENCES users (id),
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (message_id, emoji_key, user_id)
);
