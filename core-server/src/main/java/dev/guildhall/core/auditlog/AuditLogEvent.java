package dev.guildhall.core.auditlog;

/** Discord's audit log event values ({@code action_type}) of the actions core-server records. */
public final class AuditLogEvent {
    public static final int GUILD_UPDATE = 1;
    public static final int MEMBER_KICK = 20;
    public static final int MEMBER_BAN_ADD = 22;
    public static final int MEMBER_BAN_REMOVE = 23;
    public static final int MEMBER_UPDATE = 24;
    public static final int MEMBER_ROLE_UPDATE = 25;
    public static final int MEMBER_MOVE = 26;
    public static final int MEMBER_DISCONNECT = 27;
    public static final int ROLE_CREATE = 30;
    public static final int ROLE_UPDATE = 31;
    public static final int ROLE_DELETE = 32;
    public static final int INVITE_CREATE = 40;
    public static final int INVITE_DELETE = 42;
    public static final int AUTO_MODERATION_RULE_CREATE = 140;
    public static final int AUTO_MODERATION_RULE_UPDATE = 141;
    public static final int AUTO_MODERATION_RULE_DELETE = 142;
    public static final int AUTO_MODERATION_BLOCK_MESSAGE = 143;
    public static final int AUTO_MODERATION_FLAG_TO_CHANNEL = 144;
    public static final int AUTO_MODERATION_USER_COMMUNICATION_DISABLED = 145;

    private AuditLogEvent() {
    }
}
