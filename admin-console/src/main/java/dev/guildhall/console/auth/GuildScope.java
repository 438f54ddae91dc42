package dev.guildhall.console.auth;

import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Which guilds a console user may see, asked from core-server with the user's own token at every use, so a guild
 * the user no longer owns disappears at once. Owners see the guilds where {@code owner == true}.
 */
@Service
public class GuildScope {

    private final CoreServerClient core;

    public GuildScope(CoreServerClient core) {
        this.core = core;
    }

    /** Guilds the user owns, in core-server's order. */
    public List<GuildSummary> ownedGuilds(ConsoleUser user) {
        return core.myGuilds(user.token()).stream().filter(GuildSummary::owner).toList();
    }

    /** The guild if the user owns it; empty for an unknown guild and for someone else's guild alike. */
    public Optional<GuildSummary> ownedGuild(ConsoleUser user, long guildId) {
        return ownedGuilds(user).stream().filter(g -> g.id() == guildId).findFirst();
    }
}
