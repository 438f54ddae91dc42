package dev.guildhall.console.auth;

import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Which guilds a console user may see, asked from core-server with the user's own token at every use, so a guild
 * the user no longer owns or moderates disappears at once. Owners see the guilds where {@code owner == true};
 * moderators the guilds where their permissions include MANAGE_MESSAGES or MODERATE_MEMBERS (ADMINISTRATOR and
 * ownership include both). Console staff roles do not widen this scope.
 */
@Service
public class GuildScope {

    private static final Logger log = LoggerFactory.getLogger(GuildScope.class);

    private final CoreServerClient core;

    public GuildScope(CoreServerClient core) {
        this.core = core;
    }

    /** Whether the partial guild makes its user a moderator of it. */
    public static boolean moderates(GuildSummary guild) {
        return guild.can(GuildPermissions.MANAGE_MESSAGES) || guild.can(GuildPermissions.MODERATE_MEMBERS);
    }

    /** Guilds the user owns, in core-server's order. */
    public List<GuildSummary> ownedGuilds(ConsoleUser user) {
        return core.myGuilds(user.token()).stream().filter(GuildSummary::owner).toList();
    }

    /** The guild if the user owns it; empty for an unknown guild and for someone else's guild alike. */
    public Optional<GuildSummary> ownedGuild(ConsoleUser user, long guildId) {
        return ownedGuilds(user).stream().filter(g -> g.id() == guildId).findFirst();
    }

    /** Guilds the user moderates, in core-server's order. */
    public List<GuildSummary> moderatedGuilds(ConsoleUser user) {
        return core.myGuilds(user.token()).stream().filter(GuildScope::moderates).toList();
    }

    /**
     * The guild if the user moderates it and holds {@code required} there (0: moderating is enough).
     *
     * @throws GuildAccessDeniedException otherwise (unknown, not moderated, or missing the permission)
     */
    public GuildSummary requireModerated(ConsoleUser user, long guildId, long required) {
        GuildSummary guild = moderatedGuilds(user).stream().filter(g -> g.id() == guildId).findFirst()
                .orElseThrow(() -> {
                    log.info("event=guild_access_refused user={} guild={} scope=moderator", user.getName(), guildId);
                    return new GuildAccessDeniedException("guild " + guildId + " is not moderated by "
                            + user.getName());
                });
        if (required != 0 && !guild.can(required)) {
            log.info("event=guild_action_refused user={} guild={} required={}", user.getName(), guildId, required);
            throw new GuildAccessDeniedException("missing permission " + required + " in guild " + guildId);
        }
        return guild;
    }

    /** Guilds where the user holds MANAGE_GUILD (owners, administrators, Manage Server), in core-server's order. */
    public List<GuildSummary> managedGuilds(ConsoleUser user) {
        return core.myGuilds(user.token()).stream().filter(g -> g.can(GuildPermissions.MANAGE_GUILD)).toList();
    }

    /**
     * The guild if the user holds MANAGE_GUILD in it (what Discord's auto-moderation resource asks for).
     *
     * @throws GuildAccessDeniedException otherwise
     */
    public GuildSummary requireManaged(ConsoleUser user, long guildId) {
        return managedGuilds(user).stream().filter(g -> g.id() == guildId).findFirst().orElseThrow(() -> {
            log.info("event=guild_access_refused user={} guild={} scope=manage_guild", user.getName(), guildId);
            return new GuildAccessDeniedException("guild " + guildId + " is not managed by " + user.getName());
        });
    }

    /**
     * The guild if the user owns it.
     *
     * @throws GuildAccessDeniedException otherwise
     */
    public GuildSummary requireOwned(ConsoleUser user, long guildId) {
        return ownedGuild(user, guildId).orElseThrow(() -> {
            log.info("event=guild_access_refused user={} guild={} scope=owner", user.getName(), guildId);
            return new GuildAccessDeniedException("guild " + guildId + " is not owned by " + user.getName());
        });
    }
}
