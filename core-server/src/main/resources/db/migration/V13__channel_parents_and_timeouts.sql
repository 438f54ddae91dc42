-- Shared columns for the text-platform slices: categories and threads hang under a parent channel; channels carry
-- nsfw and slowmode; members can be timed out (communication_disabled_until), which the permission algorithm reads.
ALTER TABLE channels
    ADD COLUMN parent_id            bigint,
    ADD COLUMN nsfw                 boolean NOT NULL DEFAULT false,
    ADD COLUMN rate_limit_per_user  integer NOT NULL DEFAULT 0;
CREATE INDEX channels_parent ON channels (parent_id) WHERE parent_id IS NOT NULL;

ALTER TABLE members
    ADD COLUMN communication_disabled_until timestamptz;
