-- Channel permission overwrites (Discord's permission_overwrites): target_id is a role id (type 0; the guild id for
-- @everyone) or a user id (type 1); allow and deny are permission bit sets.
CREATE TABLE permission_overwrites (
    channel_id  bigint   NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    target_id   bigint   NOT NULL,
    type        smallint NOT NULL CHECK (type IN (0, 1)),
    allow       bigint   NOT NULL DEFAULT 0,
    deny        bigint   NOT NULL DEFAULT 0,
    PRIMARY KEY (channel_id, target_id)
);
