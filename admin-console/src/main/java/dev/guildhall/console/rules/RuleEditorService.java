package dev.guildhall.console.rules;

import dev.guildhall.automod.rules.AutoModerationRule;
import dev.guildhall.console.auth.ConsoleUser;
import dev.guildhall.console.auth.CoreRefusedException;
import dev.guildhall.console.auth.GuildAccessDeniedException;
import dev.guildhall.console.auth.GuildPermissions;
import dev.guildhall.console.auth.GuildScope;
import dev.guildhall.console.auth.GuildSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The AutoMod rule editor of a guild: every read and change first checks on the console's server that the user
 * holds MANAGE_GUILD in the guild (core-server's answer, asked at every call), then goes to core-server's
 * Discord API with the user's own token, which checks again, validates (50035) and audits.
 */
@Service
public class RuleEditorService {

    /** Channels and messages per channel the preview reads at most. */
    static final int PREVIEW_CHANNELS = 20;
    static final int PREVIEW_MESSAGES_PER_CHANNEL = 50;
    /** Members whose roles the preview reads at most (authors beyond count as without roles). */
    static final int PREVIEW_MEMBERS = 10_000;

    private static final Logger log = LoggerFactory.getLogger(RuleEditorService.class);

    private final GuildScope scope;
    private final AutoModApi api;
    private final MeterRegistry meters;

    public RuleEditorService(GuildScope scope, AutoModApi api, MeterRegistry meters) {
        this.scope = scope;
        this.api = api;
        this.meters = meters;
    }

    /** {@code guildhall_console_automod_rule_changes_total{action,outcome}}: ok, or refused (by console or core). */
    private void count(String action, String outcome) {
        meters.counter("guildhall.console.automod.rule.changes", "action", action, "outcome", outcome).increment();
    }

    /** Guilds whose rules the user may edit (MANAGE_GUILD: owners, administrators, Manage Server). */
    public List<GuildSummary> guilds(ConsoleUser user) {
        return scope.managedGuilds(user);
    }

    /** @throws dev.guildhall.console.auth.GuildAccessDeniedException without MANAGE_GUILD in the guild */
    public GuildSummary requireManaged(ConsoleUser user, long guildId) {
        return scope.requireManaged(user, guildId);
    }

    public List<AutoModerationRule> rules(ConsoleUser user, long guildId) {
        scope.requireManaged(user, guildId);
        return api.rules(user.token(), guildId);
    }

    /** The guild's text channels and roles (without {@code @everyone}) for the editor's pickers. */
    public EditorContext context(ConsoleUser user, long guildId) {
        scope.requireManaged(user, guildId);
        List<GuildRole> roles = api.guild(user.token(), guildId).roles().stream()
                .filter(r -> r.id() != guildId).toList();
        return new EditorContext(api.textChannels(user.token(), guildId), roles);
    }

    /**
     * Creates the rule (id 0) or modifies it.
     *
     * @throws CoreRefusedException with Discord's code and, for 50035, the field errors
     */
    public AutoModerationRule save(ConsoleUser user, long guildId, AutoModerationRule rule) {
        String action = rule.id() == 0 ? "create" : "modify";
        AutoModerationRule saved;
        try {
            scope.requireManaged(user, guildId);
            saved = rule.id() == 0
                    ? api.create(user.token(), guildId, RuleBodies.create(rule), null)
                    : api.modify(user.token(), guildId, rule.id(), RuleBodies.modify(rule), null);
        } catch (GuildAccessDeniedException | CoreRefusedException e) {
            count(action, "refused");
            throw e;
        }
        count(action, "ok");
        log.info("event=automod_rule_saved user={} guild={} rule={} created={}", user.getName(), guildId,
                saved.id(), rule.id() == 0);
        return saved;
    }

    public void delete(ConsoleUser user, long guildId, long ruleId) {
        try {
            scope.requireManaged(user, guildId);
            api.delete(user.token(), guildId, ruleId, null);
        } catch (GuildAccessDeniedException | CoreRefusedException e) {
            count("delete", "refused");
            throw e;
        }
        count("delete", "ok");
        log.info("event=automod_rule_deleted user={} guild={} rule={}", user.getName(), guildId, ruleId);
    }

    /**
     * Evaluates the draft over the newest messages of the guild's text channels the user can read (core-server
     * refuses the others, which are listed as skipped).
     */
    public PreviewResult preview(ConsoleUser user, long guildId, AutoModerationRule draft) {
        scope.requireManaged(user, guildId);
        String note = RulePreview.note(draft);
        if (!note.isEmpty() && draft.triggerType() != null && !draft.triggerType().isModelScore()) {
            return new PreviewResult(List.of(), 0, List.of(), note);
        }
        AutoModApi.GuildInfo guild = api.guild(user.token(), guildId);
        Map<Long, Long> rolePermissions = new HashMap<>();
        guild.roles().forEach(r -> rolePermissions.put(r.id(), r.permissions()));
        long everyone = rolePermissions.getOrDefault(guildId, 0L);

        List<AutoModApi.PostedMessage> posted = new ArrayList<>();
        List<TextChannel> channelOf = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        int read = 0;
        for (TextChannel channel : api.textChannels(user.token(), guildId).stream().limit(PREVIEW_CHANNELS).toList()) {
            try {
                for (AutoModApi.PostedMessage m : api.messages(user.token(), channel.id(),
                        PREVIEW_MESSAGES_PER_CHANNEL)) {
                    posted.add(m);
                    channelOf.add(channel);
                }
                read++;
            } catch (CoreRefusedException e) {
                skipped.add(channel.label());
            }
        }
        Map<Long, Set<Long>> roles = posted.isEmpty() ? Map.of()
                : api.memberRoles(user.token(), guildId, PREVIEW_MEMBERS);
        List<RecentMessage> messages = new ArrayList<>();
        for (int i = 0; i < posted.size(); i++) {
            AutoModApi.PostedMessage m = posted.get(i);
            // an author who left the guild has no roles any more
            Set<Long> authorRoles = roles.getOrDefault(m.authorId(), Set.of());
            long permissions = everyone;
            for (Long role : authorRoles) {
                permissions |= rolePermissions.getOrDefault(role, 0L);
            }
            boolean exempt = m.authorId() == guild.ownerId()
                    || GuildPermissions.has(permissions, GuildPermissions.MANAGE_GUILD);
            messages.add(new RecentMessage(m.id(), channelOf.get(i), m.authorId(), m.authorName(), authorRoles,
                    exempt, m.content(), m.sentAt(), m.userMentions(), m.roleMentions()));
        }
        return new PreviewResult(RulePreview.evaluate(draft, messages), read, skipped, note);
    }
}
