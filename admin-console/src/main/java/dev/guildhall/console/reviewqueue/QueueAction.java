package dev.guildhall.console.reviewqueue;

import dev.guildhall.console.auth.GuildPermissions;
import java.time.Duration;

/**
 * A moderator's decision on an item, the guild permission it needs beyond moderating the guild (MANAGE_MESSAGES
 * or MODERATE_MEMBERS), and its keyboard shortcut in the queue view.
 */
public enum QueueAction {
    APPROVE("approve", "Approve", "Approved", 0, 'A'),
    REMOVE("remove", "Remove", "Removed", 0, 'R'),
    TIMEOUT("timeout", "Time out", "Timed out", GuildPermissions.MODERATE_MEMBERS, 'T'),
    KICK("kick", "Kick", "Kicked", GuildPermissions.KICK_MEMBERS, 'K'),
    BAN("ban", "Ban", "Banned", GuildPermissions.BAN_MEMBERS, 'B');

    /** Discord's longest timeout. */
    public static final Duration MAX_TIMEOUT = Duration.ofDays(28);

    final String wireName;
    public final String label;
    final String done;
    final long permission;
    public final char shortcut;

    QueueAction(String wireName, String label, String done, long permission, char shortcut) {
        this.wireName = wireName;
        this.label = label;
        this.done = done;
        this.permission = permission;
        this.shortcut = shortcut;
    }
}
