-- Replies: the message a reply refers to (no foreign key: the reply stays when the original is deleted,
-- and then shows referenced_message null like Discord).
ALTER TABLE messages ADD COLUMN reference_message_id bigint;
