-- Who a user's message mentions, resolved when it is sent or edited (content scanned, allowed_mentions and
-- MENTION_EVERYONE applied): the mentioned users as Discord user objects with their partial member (a snapshot),
-- the mentioned role ids (strings) and whether it mentions @everyone/@here.
ALTER TABLE messages
    ADD COLUMN mentions         jsonb,
    ADD COLUMN mention_roles    jsonb,
    ADD COLUMN mention_everyone boolean NOT NULL DEFAULT false;

-- A user's message's attachment objects (metadata of the uploaded files; the bytes are not kept).
ALTER TABLE messages ADD COLUMN attachments jsonb;
