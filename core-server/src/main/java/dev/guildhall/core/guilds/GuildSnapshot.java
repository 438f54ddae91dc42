package dev.guildhall.core.guilds;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.core.channels.Channel;
import dev.guildhall.core.permissions.PermissionOverwrite;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything a GUILD_CREATE dispatch carries for one session; {@code threads} are the active threads the user can
 * view, already as thread channel objects.
 */
public record GuildSnapshot(Guild guild, List<Role> roles, List<Channel> channels, List<Member> members,
                            int memberCount, Instant joinedAt, Map<Long, List<PermissionOverwrite>> overwrites,
                            List<ObjectNode> threads) {
}
