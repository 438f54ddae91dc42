package dev.guildhall.console.moderation;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Discord's audit log events ({@code action_type}) the console names and filters by. */
public enum AuditAction {
    GUILD_UPDATE(1, "Server updated"),
    CHANNEL_CREATE(10, "Channel created"),
    CHANNEL_UPDATE(11, "Channel updated"),
    CHANNEL_DELETE(12, "Channel deleted"),
    MEMBER_KICK(20, "Member kicked"),
    MEMBER_BAN_ADD(22, "Member banned"),
    MEMBER_BAN_REMOVE(23, "Member unbanned"),
    MEMBER_UPDATE(24, "Member updated"),
    MEMBER_ROLE_UPDATE(25, "Member roles updated"),
    ROLE_CREATE(30, "Role created"),
    ROLE_UPDATE(31, "Role updated"),
    ROLE_DELETE(32, "Role deleted"),
    INVITE_CREATE(40, "Invite created"),
    INVITE_DELETE(42, "Invite deleted"),
    MESSAGE_DELETE(72, "Message deleted"),
    MESSAGE_BULK_DELETE(73, "Messages bulk deleted");

    private final int type;
    private final String label;

    AuditAction(int type, String label) {
        this.type = type;
        this.label = label;
    }

    public int type() {
        return type;
    }

    public String label() {
        return label;
    }

    public static Optional<AuditAction> of(int type) {
        return Arrays.stream(values()).filter(a -> a.type == type).findFirst();
    }

    /** A readable name; unknown types show their number. */
    public static String labelOf(int type) {
        return of(type).map(AuditAction::label).orElse("Action " + type);
    }

    public static List<AuditAction> all() {
        return List.of(values());
    }
}
