-- Pins: when a message was pinned (null = not pinned).
ALTER TABLE messages ADD COLUMN pinned_at timestamptz;
CREATE INDEX messages_pinned ON messages (channel_id, pinned_at DESC) WHERE pinned_at IS NOT NULL;
