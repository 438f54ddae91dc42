package dev.guildhall.console.layout;

import com.vaadin.flow.component.HasComponents;
import com.vaadin.flow.component.select.Select;
import dev.guildhall.console.auth.ConsoleUser;
import dev.guildhall.console.auth.CoreUnavailableException;
import dev.guildhall.console.auth.GuildAccessDeniedException;
import dev.guildhall.console.auth.GuildSummary;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The guild part of a guild-scoped view's URL ({@code /<view>/<guild id>}), checked on the server at every
 * navigation: the view's scope (the guilds it offers, asked from core-server with the user's token) fills the
 * guild picker; no guild id forwards to the first guild of the scope; an id that is not a number, not in the scope,
 * or refused by the view's check shows "not found, or no access" (the same for an unknown guild and another
 * user's); no guild at all and an unreachable core-server each show what to do.
 */
public final class GuildRoute {

    private static final Logger log = LoggerFactory.getLogger(GuildRoute.class);

    /** The guilds a view offers its user (core-server's answer, in its order). */
    @FunctionalInterface
    public interface Scope {
        List<GuildSummary> guilds(ConsoleUser user);
    }

    /** A view's own server-side check of one guild; throws {@link GuildAccessDeniedException} when refused. */
    @FunctionalInterface
    public interface Check {
        GuildSummary require(ConsoleUser user, long guildId);
    }

    /**
     * What the view says in each state.
     *
     * @param coreDownWhatToDo what to do when core-server cannot be reached
     * @param noGuildsTitle    title when the scope is empty ("You own no guild")
     * @param noGuildsWhatToDo what to do then
     * @param noAccessWhatToDo what to do after "Guild not found, or you have no access to it"
     */
    public record Texts(String coreDownWhatToDo, String noGuildsTitle, String noGuildsWhatToDo,
                        String noAccessWhatToDo) {
        /** The owners' views (messages, insights). */
        public static final Texts OWNED_GUILDS = new Texts("The console asks core-server which guilds you own. "
                + "Check that core-server is running, then reload this page.", "You own no guild",
                "Create a guild from a client; it appears here the next time you open this page.",
                Notices.OWNED_GUILDS_ONLY);
    }

    /** What a URL resolved to. */
    public enum Kind { CORE_DOWN, NO_GUILDS, DEFAULT_GUILD, NO_ACCESS, OPEN }

    /**
     * @param guilds the scope (empty for CORE_DOWN)
     * @param guild  the guild to open (OPEN) or to forward to (DEFAULT_GUILD), else null
     */
    public record Resolution(Kind kind, List<GuildSummary> guilds, GuildSummary guild) {
    }

    private final String view;
    private final Select<GuildSummary> picker;
    private final Scope scope;
    private final Check check;
    private final Texts texts;

    /**
     * @param view  the view's name, for the log
     * @param check the view's check of one guild, or null: a guild of the scope is allowed
     */
    public GuildRoute(String view, Select<GuildSummary> picker, Scope scope, Check check, Texts texts) {
        this.view = Objects.requireNonNull(view);
        this.picker = Objects.requireNonNull(picker);
        this.scope = Objects.requireNonNull(scope);
        this.check = check;
        this.texts = Objects.requireNonNull(texts);
    }

    /** Decides what {@code guildParam} (the URL's optional guild id) opens for the user; no side effects. */
    public Resolution resolve(ConsoleUser user, String guildParam) {
        List<GuildSummary> guilds;
        try {
            guilds = scope.guilds(user);
        } catch (CoreUnavailableException e) {
            log.warn("event=guild_scope_failed user={} view={} error={}", user.getName(), view, e.getMessage());
            return new Resolution(Kind.CORE_DOWN, List.of(), null);
        }
        if (guilds.isEmpty()) {
            return new Resolution(Kind.NO_GUILDS, guilds, null);
        }
        if (guildParam == null || guildParam.isBlank()) {
            return new Resolution(Kind.DEFAULT_GUILD, guilds, guilds.get(0));
        }
        Optional<GuildSummary> chosen;
        try {
            chosen = parseId(guildParam).flatMap(id -> allowed(user, guilds, id));
        } catch (CoreUnavailableException e) {
            log.warn("event=guild_check_failed user={} view={} error={}", user.getName(), view, e.getMessage());
            return new Resolution(Kind.CORE_DOWN, List.of(), null);
        }
        if (chosen.isEmpty()) {
            log.info("event=guild_access_refused user={} guild={} view={}", user.getName(), guildParam, view);
            return new Resolution(Kind.NO_ACCESS, guilds, null);
        }
        return new Resolution(Kind.OPEN, guilds, chosen.get());
    }

    /**
     * Resolves the URL and shows the outcome: fills the picker, adds the state's notice to {@code notices}, or
     * forwards ({@code forwardTo} with the first guild's id).
     *
     * @return the guild to show, or empty when the view shows a notice or forwards
     */
    public Optional<GuildSummary> open(ConsoleUser user, String guildParam, HasComponents notices,
                                       LongConsumer forwardTo) {
        Resolution r = resolve(user, guildParam);
        picker.setItems(r.guilds());
        picker.setVisible(!r.guilds().isEmpty());
        switch (r.kind()) {
            case CORE_DOWN -> notices.add(Notices.error("core-server cannot be reached", texts.coreDownWhatToDo()));
            case NO_GUILDS -> notices.add(Notices.notice("no-guilds", texts.noGuildsTitle(),
                    texts.noGuildsWhatToDo()));
            case DEFAULT_GUILD -> forwardTo.accept(r.guild().id());
            case NO_ACCESS -> {
                picker.clear();
                notices.add(Notices.noAccess(texts.noAccessWhatToDo()));
            }
            case OPEN -> {
                picker.setValue(r.guild());
                return Optional.of(r.guild());
            }
            default -> throw new IllegalStateException(r.kind().toString());
        }
        return Optional.empty();
    }

    private Optional<GuildSummary> allowed(ConsoleUser user, List<GuildSummary> guilds, long id) {
        if (check == null) {
            return guilds.stream().filter(g -> g.id() == id).findFirst();
        }
        try {
            return Optional.of(check.require(user, id));
        } catch (GuildAccessDeniedException e) {
            return Optional.empty();
        }
    }

    private static Optional<Long> parseId(String text) {
        try {
            return Optional.of(Long.parseLong(text.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
