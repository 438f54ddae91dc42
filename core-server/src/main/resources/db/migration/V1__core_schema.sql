-- core-server schema of the walking skeleton. Ids are Discord-style snowflakes (bigint).

CREATE TABLE users (
    id             bigint PRIMARY KEY,
    username       text        NOT NULL,
    username_key   text        NOT NULL UNIQUE,      -- lower-cased username: names are unique ignoring case
    global_name    text,
    password_hash  text,                              -- BCrypt; null for bot users
    bot            boolean     NOT NULL DEFAULT false,
    created_at     timestamptz NOT NULL DEFAULT now()
);

-- Only SHA-256 hashes of tokens are stored.
CREATE TABLE auth_tokens (
    token_hash  bytea PRIMARY KEY,
    user_id     bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind        text        NOT NULL CHECK (kind IN ('user', 'bot')),
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX auth_tokens_user ON auth_tokens (user_id);

CREATE TABLE applications (
    id           bigint PRIMARY KEY,
    name         text        NOT NULL,
    owner_id     bigint      NOT NULL REFERENCES users (id),
    bot_user_id  bigint      NOT NULL UNIQUE REFERENCES users (id),
    flags        integer     NOT NULL DEFAULT 0,
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX applications_owner ON applications (owner_id);

CREATE TABLE guilds (
    id          bigint PRIMARY KEY,
    name        text        NOT NULL,
    owner_id    bigint      NOT NULL REFERENCES users (id),
    system_channel_id bigint,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE roles (
    id           bigint PRIMARY KEY,
    guild_id     bigint  NOT NULL REFERENCES guilds (id) ON DELETE CASCADE,
    name         text    NOT NULL,
    permissions  bigint  NOT NULL,
    position     integer NOT NULL DEFAULT 0,
    color        integer NOT NULL DEFAULT 0,
    hoist        boolean NOT NULL DEFAULT false,
    mentionable  boolean NOT NULL DEFAULT false
);
CREATE INDEX roles_guild ON roles (guild_id);

-- type: Discord channel types (0 GUILD_TEXT, 2 GUILD_VOICE, ...)
CREATE TABLE channels (
    id               bigint PRIMARY KEY,
    guild_id         bigint  NOT NULL REFERENCES guilds (id) ON DELETE CASCADE,
    type             integer NOT NULL,
    name             text    NOT NULL,
    position         integer NOT NULL DEFAULT 0,
    topic            text,
    bitrate          integer,
    user_limit       integer,
    last_message_id  bigint
);
CREATE INDEX channels_guild ON channels (guild_id);

CREATE TABLE members (
    guild_id   bigint      NOT NULL REFERENCES guilds (id) ON DELETE CASCADE,
    user_id    bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    nick       text,
    joined_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (guild_id, user_id)
);
CREATE INDEX members_user ON members (user_id);

-- roles of a member besides @everyone (which every member has implicitly)
CREATE TABLE member_roles (
    guild_id  bigint NOT NULL,
    user_id   bigint NOT NULL,
    role_id   bigint NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
    PRIMARY KEY (guild_id, user_id, role_id),
    FOREIGN KEY (guild_id, user_id) REFERENCES members (guild_id, user_id) ON DELETE CASCADE
);

CREATE TABLE invites (
    code        text PRIMARY KEY,
    guild_id    bigint      NOT NULL REFERENCES guilds (id) ON DELETE CASCADE,
    channel_id  bigint      NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    inviter_id  bigint      NOT NULL REFERENCES users (id),
    max_age     integer     NOT NULL,
    max_uses    integer     NOT NULL,
    uses        integer     NOT NULL DEFAULT 0,
    temporary   boolean     NOT NULL DEFAULT false,
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz
);

CREATE TABLE messages (
    id          bigint PRIMARY KEY,
    channel_id  bigint      NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    guild_id    bigint      NOT NULL,
    author_id   bigint      NOT NULL REFERENCES users (id),
    content     text        NOT NULL,
    nonce       text,
    tts         boolean     NOT NULL DEFAULT false,
    created_at  timestamptz NOT NULL
);
CREATE INDEX messages_channel_id ON messages (channel_id, id DESC);

-- Transactional outbox: written in the same transaction as the state change, relayed to Kafka in id order.
CREATE TABLE outbox (
    id          bigserial PRIMARY KEY,
    event_id    text        NOT NULL,
    topic       text        NOT NULL,
    record_key  text        NOT NULL,
    payload     bytea       NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    sent_at     timestamptz
);
CREATE INDEX outbox_pending ON outbox (id) WHERE sent_at IS NULL;
