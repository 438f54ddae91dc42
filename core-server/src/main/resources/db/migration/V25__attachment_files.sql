-- The bytes of message attachments (issue #3). Stored in PostgreSQL, in the same transaction as the message row,
-- so a kill never leaves a message pointing at a missing file or a file without its message, and a pg_dump backs
-- up everything. Deleting the message (one, bulk, a ban's purge, its channel) deletes its files.
CREATE TABLE attachment_files (
    id           bigint PRIMARY KEY,
    message_id   bigint  NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    channel_id   bigint  NOT NULL,
    filename     text    NOT NULL,
    content_type text,
    size         integer NOT NULL,
    data         bytea   NOT NULL
);
CREATE INDEX attachment_files_message_id ON attachment_files (message_id);
-- bytes are already compressed or random as often as not; skip TOAST compression attempts
ALTER TABLE attachment_files ALTER COLUMN data SET STORAGE EXTERNAL;

-- Guild settings set by PATCH /guilds/{id} beyond name and system channel (description, verification level,
-- notifications, content filter, AFK channel/timeout, system channel flags, rules/public updates channels,
-- preferred locale, features): one JSON object, absent keys meaning Discord's defaults.
ALTER TABLE guilds ADD COLUMN settings jsonb;
