package dev.guildhall.core.permissions;

import dev.guildhall.core.channels.Channel;

import java.util.Collection;
import java.util.List;

/**
 * Discord's permission algorithm on plain values (docs: topics/permissions): {@code compute_base_permissions},
 * {@code compute_overwrites}, then the documented implicit rules and the timeout rule.
 */
public final class PermissionMath {
    /** What a timed-out member keeps (owners and administrators are exempt). */
    public static final long TIMED_OUT_KEEPS = Permissions.VIEW_CHANNEL | Permissions.READ_MESSAGE_HISTORY;
    /** Denied implicitly in a text channel without SEND_MESSAGES. */
    public static final long NEEDS_SEND_MESSAGES = Permissions.MENTION_EVERYONE | Permissions.SEND_TTS_MESSAGES
            | Permissions.ATTACH_FILES | Permissions.EMBED_LINKS;

    private PermissionMath() {
    }

    /**
     * compute_base_permissions: the owner has everything; otherwise @everyone OR the member's roles, ADMINISTRATOR
     * meaning everything. The timeout is not applied here (see {@link #guild} and {@link #channel}).
     */
    public static long base(boolean owner, long everyonePermissions, long[] rolePermissions) {
        if (owner) {
            return Permissions.ALL;
        }
        long permissions = everyonePermissions;
        for (long role : rolePermissions) {
            permissions |= role;
        }
        if ((permissions & Permissions.ADMINISTRATOR) == Permissions.ADMINISTRATOR) {
            return Permissions.ALL;
        }
        return permissions;
    }

    /** Guild-level permissions: the base, of which a timed-out member keeps only {@link #TIMED_OUT_KEEPS}. */
    public static long guild(long base, boolean timedOut) {
        return timedOut && base != Permissions.ALL ? base & TIMED_OUT_KEEPS : base;
    }

    /**
     * Permissions in a channel from the guild-level {@code base}: the @everyone overwrite (id = guild id), then all
     * role overwrites of the member's roles combined (denies, then allows), then the member's own overwrite; then
     * no VIEW_CHANNEL → nothing; a text or announcement channel without SEND_MESSAGES loses
     * {@link #NEEDS_SEND_MESSAGES}; a voice or stage channel without CONNECT keeps only VIEW_CHANNEL; a timed-out
     * member keeps only {@link #TIMED_OUT_KEEPS} of the result (so a timed-out member still sees a voice channel
     * whose CONNECT they would have).
     */
    public static long channel(long base, long guildId, long userId, Collection<Long> roleIds,
                               List<PermissionOverwrite> overwrites, int channelType, boolean timedOut) {
        if ((base & Permissions.ADMINISTRATOR) == Permissions.ADMINISTRATOR) {
            return Permissions.ALL;
        }
        long permissions = base;
        PermissionOverwrite everyone = find(overwrites, guildId, PermissionOverwrite.ROLE);
        if (everyone != null) {
            permissions &= ~everyone.deny();
            permissions |= everyone.allow();
        }
        long allow = 0;
        long deny = 0;
        for (PermissionOverwrite o : overwrites) {
            if (o.type() == PermissionOverwrite.ROLE && o.id() != guildId && roleIds.contains(o.id())) {
                allow |= o.allow();
                deny |= o.deny();
            }
        }
        permissions &= ~deny;
        permissions |= allow;
        PermissionOverwrite member = find(overwrites, userId, PermissionOverwrite.MEMBER);
        if (member != null) {
            permissions &= ~member.deny();
            permissions |= member.allow();
        }
        return implicit(permissions, channelType, timedOut);
    }

    private static long implicit(long permissions, int channelType, boolean timedOut) {
        if ((permissions & Permissions.VIEW_CHANNEL) == 0) {
            return 0;
        }
        boolean text = channelType == Channel.GUILD_TEXT || channelType == Channel.GUILD_ANNOUNCEMENT;
        if (text && (permissions & Permissions.SEND_MESSAGES) == 0) {
            permissions &= ~NEEDS_SEND_MESSAGES;
        }
        boolean voice = channelType == Channel.GUILD_VOICE || channelType == Channel.GUILD_STAGE_VOICE;
        if (voice && (permissions & Permissions.CONNECT) == 0) {
            permissions &= Permissions.VIEW_CHANNEL;
        }
        return timedOut ? permissions & TIMED_OUT_KEEPS : permissions;
    }

    private static PermissionOverwrite find(List<PermissionOverwrite> overwrites, long id, int type) {
        for (PermissionOverwrite o : overwrites) {
            if (o.id() == id && o.type() == type) {
                return o;
            }
        }
        return null;
    }
}
