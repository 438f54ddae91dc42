-- Platform staff (issue #7): console staff roles held by Guildhall accounts, and the audit log of console actions.
-- A user holds a role at most once; granted_by null = granted by core-server's configuration (bootstrap lists).
CREATE TABLE staff_roles (
    user_id     bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role        text        NOT NULL CHECK (role IN ('PLATFORM_ADMIN', 'SRE', 'TRUST_SAFETY')),
    granted_by  bigint,
    granted_at  timestamptz NOT NULL DEFAULT now(),
    reason      text,
    PRIMARY KEY (user_id, role)
);
CREATE INDEX staff_roles_role ON staff_roles (role);

-- Staff-role changes (written in their transaction) and every state-changing request the console made with a
-- user's token (written by the console-audit handler with the answer's status). No foreign keys: entries outlive
-- the users, guilds and targets they name. Newest first = id (a snowflake) descending.
CREATE TABLE console_audit_log (
    id           bigint      PRIMARY KEY,
    created_at   timestamptz NOT NULL DEFAULT now(),
    actor_id     bigint,               -- null: core-server's configuration
    action       text        NOT NULL, -- staff_role.grant, staff_role.revoke, or the route, e.g. "PUT /guilds/{guild_id}/bans/{user_id}"
    path         text,                 -- the request path of a console request
    guild_id     bigint,
    target_type  text,                 -- user, or the route's last path parameter (message_id, role_id, ...)
    target_id    bigint,
    detail       text,                 -- the staff role of a staff action
    status       integer     NOT NULL, -- HTTP status of the answer
    reason       text,
    via_console  boolean     NOT NULL
);
CREATE INDEX console_audit_log_actor ON console_audit_log (actor_id, id DESC);
CREATE INDEX console_audit_log_action ON console_audit_log (action, id DESC);
