-- Interactions slice: application commands, interactions and the messages apps send in answer to them.

-- Messages sent by an application as an interaction response or follow-up carry its webhook (the application id),
-- their Discord message type (20 for a chat-input command's response; null: derived, 0 or 19 for replies), flags
-- (64 EPHEMERAL, 128 LOADING), message components and the interaction that caused them.
ALTER TABLE messages
    ADD COLUMN type                  integer,
    ADD COLUMN flags                 integer NOT NULL DEFAULT 0,
    ADD COLUMN webhook_id            bigint,
    ADD COLUMN application_id        bigint,
    ADD COLUMN components            jsonb,
    ADD COLUMN interaction_metadata  jsonb;

-- guild_id null: a global command. body: the command as the application defined it (name, description, options,
-- contexts, ...), validated and normalized; id, application_id, guild_id and version are columns.
CREATE TABLE application_commands (
    id              bigint PRIMARY KEY,
    application_id  bigint  NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    guild_id        bigint  REFERENCES guilds (id) ON DELETE CASCADE,
    type            integer NOT NULL,
    name            text    NOT NULL,
    body            jsonb   NOT NULL,
    version         bigint  NOT NULL
);
-- names are unique per application, type and scope
CREATE UNIQUE INDEX application_commands_name ON application_commands (application_id, COALESCE(guild_id, 0), type, name);

-- One interaction: who invoked what where; the token (hashed) lets the app answer for 15 minutes.
-- callback_type: the initial response (null until acknowledged); original_message_id: the message that response
-- created or updated (deferred: the loading message a first follow-up completes).
CREATE TABLE interactions (
    id                   bigint PRIMARY KEY,
    application_id       bigint      NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    token_hash           bytea       NOT NULL UNIQUE,
    type                 integer     NOT NULL,
    guild_id             bigint      NOT NULL,
    channel_id           bigint      NOT NULL,
    user_id              bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    command_id           bigint,
    command_name         text,
    command_type         integer,
    message_id           bigint,
    created_at           timestamptz NOT NULL,
    callback_type        integer,
    original_message_id  bigint,
    original_loading     boolean     NOT NULL DEFAULT false
);
CREATE INDEX interactions_created ON interactions (created_at);

-- Incoming webhooks (type 1). Only a SHA-256 hash of the token is stored: the token is shown once, at creation.
CREATE TABLE webhooks (
    id          bigint PRIMARY KEY,
    type        integer     NOT NULL,
    guild_id    bigint      NOT NULL REFERENCES guilds (id) ON DELETE CASCADE,
    channel_id  bigint      NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    creator_id  bigint      REFERENCES users (id) ON DELETE SET NULL,
    name        text        NOT NULL,
    token_hash  bytea       NOT NULL,
    created_at  timestamptz NOT NULL
);
CREATE INDEX webhooks_channel ON webhooks (channel_id);
CREATE INDEX webhooks_guild ON webhooks (guild_id);

-- A webhook's own messages have no user author: author_id is null, author_name the name it posted under
-- (its name or the username override); embeds are kept for webhook and application messages.
ALTER TABLE messages
    ALTER COLUMN author_id DROP NOT NULL,
    ADD COLUMN author_name  text,
    ADD COLUMN embeds       jsonb;
