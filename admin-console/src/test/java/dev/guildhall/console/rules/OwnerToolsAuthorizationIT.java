package dev.guildhall.console.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.guildhall.automod.rules.Action;
import dev.guildhall.automod.rules.AutoModerationRule;
import dev.guildhall.automod.rules.EventType;
import dev.guildhall.automod.rules.TriggerMetadata;
import dev.guildhall.automod.rules.TriggerType;
import dev.guildhall.console.auth.ConsoleRole;
import dev.guildhall.console.auth.ConsoleUser;
import dev.guildhall.console.auth.CoreRefusedException;
import dev.guildhall.console.auth.CoreServerClient;
import dev.guildhall.console.auth.GuildAccessDeniedException;
import dev.guildhall.console.auth.GuildPermissions;
import dev.guildhall.console.auth.GuildScope;
import dev.guildhall.console.clickhouse.ClickHouseWarehouse;
import dev.guildhall.console.insights.DateRange;
import dev.guildhall.console.insights.InsightsTable;
import dev.guildhall.console.insights.OwnerInsights;
import dev.guildhall.console.support.ConsoleUsers;
import dev.guildhall.console.support.CoreServerProcess;
import dev.guildhall.console.support.CoreServerProcess.Account;
import dev.guildhall.console.support.GuildScopeMatrix;
import dev.guildhall.testkit.ClickHouseEngine;
import dev.guildhall.testkit.Engines;
import dev.guildhall.warehouse.ClickHouseConnections;
import dev.guildhall.warehouse.Migrator;
import dev.guildhall.warehouse.queries.ConsoleQueries;
import dev.guildhall.warehouse.queries.InsightsQueries;
import dev.guildhall.warehouse.queries.VoiceMinutesQueries;
import dev.guildhall.warehouse.queries.VoiceQueries;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every insights and AutoMod-rule operation of {@link OwnerInsights} and {@link RuleEditorService} × console user
 * (console role) × guild scope, against a real core-server and ClickHouse: users sign in through the real
 * authentication provider; refusals must come from the console's own check ({@link GuildAccessDeniedException})
 * before core-server is asked, and refused changes must leave core-server's rules as they were. Which console roles
 * open the views is {@code ViewAccessTest}.
 */
class OwnerToolsAuthorizationIT {

    private static final String PASSWORD = "tools-authz-pw";

    enum Op { OPEN_INSIGHTS, DOWNLOAD_CSV, LIST_RULES, CREATE_RULE, EDIT_RULE, DELETE_RULE, PREVIEW_RULE }

    private static ConsoleUsers fixture;
    private static OwnerInsights insights;
    private static RuleEditorService editor;
    private static long guildA;
    private static long guildB;
    /** A rule in each guild that stays (target of refused edits and deletes, and of allowed edits). */
    private static final Map<Long, Long> KEPT_RULE = new LinkedHashMap<>();
    private static Map<String, ConsoleUser> USERS;

    @BeforeAll
    static void start() {
        fixture = new ConsoleUsers("console_tools_authz", PASSWORD, ConsoleUsers.staff("sre", "padmin", "tns"));
        CoreServerProcess core = fixture.core;
        Account ownerA = fixture.register("ownera");
        Account ownerB = fixture.register("ownerb");
        guildA = core.createGuild(ownerA, "Alpha");
        guildB = core.createGuild(ownerB, "Beta");
        Account admin = fixture.joined(ownerA, guildA, "gadmin");
        core.grant(ownerA, guildA, admin, "Admins", GuildPermissions.ADMINISTRATOR);
        Account manager = fixture.joined(ownerA, guildA, "manager");
        core.grant(ownerA, guildA, manager, "Managers", GuildPermissions.MANAGE_GUILD
                | GuildPermissions.MANAGE_MESSAGES);
        Account mod = fixture.joined(ownerA, guildA, "mod");
        core.grant(ownerA, guildA, mod, "Moderators", GuildPermissions.MODERATE_MEMBERS
                | GuildPermissions.MANAGE_MESSAGES | GuildPermissions.KICK_MEMBERS);
        fixture.joined(ownerA, guildA, "member");
        fixture.joined(ownerA, guildA, "tns");
        fixture.register("sre");
        fixture.register("padmin");

        ClickHouseEngine ch = Engines.clickhouse();
        String url = ch.jdbcUrl(ch.createDatabase("console_tools_authz"));
        new Migrator(url).migrate();
        DataSource warehouse = ClickHouseConnections.dataSource(url);
        CoreServerClient client = fixture.client(url, "");
        GuildScope scope = new GuildScope(client);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        insights = new OwnerInsights(scope, client, new ClickHouseWarehouse(new ConsoleQueries(warehouse),
                new InsightsQueries(warehouse), new VoiceQueries(warehouse), new VoiceMinutesQueries(warehouse),
                meters), meters, java.time.Clock.systemUTC());
        editor = new RuleEditorService(scope, new AutoModApi(client), meters);
        fixture.signIn(client, List.of("ownera", "ownerb", "gadmin", "manager", "mod", "member", "tns", "sre",
                "padmin"));
        USERS = fixture.users();
        KEPT_RULE.put(guildA, editor.save(USERS.get("ownera"), guildA, rule(guildA, "kept")).id());
        KEPT_RULE.put(guildB, editor.save(USERS.get("ownerb"), guildB, rule(guildB, "kept")).id());
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private static AutoModerationRule rule(long guild, String name) {
        return new AutoModerationRule(0, guild, name, 0, EventType.MESSAGE_SEND, TriggerType.KEYWORD,
                TriggerMetadata.keywords(List.of("forbidden " + name), List.of(), List.of()),
                List.of(Action.block()), true, List.of(), List.of());
    }

    @Test
    void consoleRolesOfTheUsers() {
        Map<String, Set<String>> expected = Map.of(
                "ownera", Set.of(ConsoleRole.OWNER, ConsoleRole.MODERATOR),
                "ownerb", Set.of(ConsoleRole.OWNER, ConsoleRole.MODERATOR),
                "gadmin", Set.of(ConsoleRole.MODERATOR),
                "manager", Set.of(ConsoleRole.MODERATOR),
                "mod", Set.of(ConsoleRole.MODERATOR),
                "member", Set.of(),
                "tns", Set.of(ConsoleRole.TRUST_SAFETY),
                "sre", Set.of(ConsoleRole.SRE),
                "padmin", Set.of(ConsoleRole.PLATFORM_ADMIN));
        USERS.forEach((name, user) -> assertThat(user.roles()).as(name).isEqualTo(expected.get(name)));
        assertThat(editor.guilds(USERS.get("gadmin"))).extracting(g -> g.id()).containsExactly(guildA);
        assertThat(editor.guilds(USERS.get("mod"))).isEmpty();
        assertThat(insights.guilds(USERS.get("gadmin"))).isEmpty();
    }

    @Test
    void everyOperationByEveryUserInEveryGuildScope() {
        Set<Op> owner = EnumSet.allOf(Op.class);
        Set<Op> rules = EnumSet.of(Op.LIST_RULES, Op.CREATE_RULE, Op.EDIT_RULE, Op.DELETE_RULE, Op.PREVIEW_RULE);
        Map<String, Map<Long, Set<Op>>> allowed = new LinkedHashMap<>();
        allowed.put("ownera", Map.of(guildA, owner, guildB, Set.of()));
        allowed.put("ownerb", Map.of(guildA, Set.of(), guildB, owner));
        // administrators and Manage Server edit rules but see no insights (those are the owner's)
        allowed.put("gadmin", Map.of(guildA, rules, guildB, Set.of()));
        allowed.put("manager", Map.of(guildA, rules, guildB, Set.of()));
        // moderating members is not managing the server
        allowed.put("mod", Map.of(guildA, Set.of(), guildB, Set.of()));
        for (String name : List.of("member", "tns", "sre", "padmin")) {
            allowed.put(name, Map.of(guildA, Set.of(), guildB, Set.of()));
        }
        fixture.failIfAny(GuildScopeMatrix.failures(USERS, allowed, List.of(guildA, guildB), Op.class,
                (op, user, guild, expectAllowed) -> run(op, user, guild), OwnerToolsAuthorizationIT::ruleIds,
                "the guild's rules"));
    }

    /** Runs one operation; allowed changes are checked in core-server and undone. */
    private static void run(Op op, ConsoleUser user, long guild) {
        long kept = KEPT_RULE.get(guild);
        switch (op) {
            case OPEN_INSIGHTS -> assertThat(insights.report(user, guild,
                    DateRange.lastDays(7, LocalDate.now(java.time.ZoneOffset.UTC))).isEmpty()).isTrue();
            case DOWNLOAD_CSV -> assertThat(new String(insights.csv(user, guild, new InsightsTable("members",
                    List.of("Day (UTC)"), List.of())), java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo("Day (UTC)\r\n");
            case LIST_RULES -> assertThat(editor.rules(user, guild)).extracting(AutoModerationRule::id).contains(kept);
            case CREATE_RULE -> {
                AutoModerationRule created = editor.save(user, guild, rule(guild, "by " + user.getName()));
                assertThat(ruleIds(guild)).contains(created.id());
                assertThat(created.creatorId()).isEqualTo(user.userId());
                editor.delete(owner(guild), guild, created.id());
            }
            case EDIT_RULE -> {
                AutoModerationRule current = editor.rules(owner(guild), guild).stream()
                        .filter(r -> r.id() == kept).findFirst().orElseThrow();
                String name = "edited by " + user.getName();
                editor.save(user, guild, new AutoModerationRule(kept, guild, name, current.creatorId(),
                        current.eventType(), current.triggerType(), current.triggerMetadata(), current.actions(),
                        current.enabled(), current.exemptRoles(), current.exemptChannels()));
                assertThat(editor.rules(owner(guild), guild)).extracting(AutoModerationRule::name).contains(name);
            }
            case DELETE_RULE -> {
                boolean mayDelete = editor.guilds(user).stream().anyMatch(g -> g.id() == guild);
                // a refused delete targets the kept rule; an allowed one a rule made for it
                long target = mayDelete ? editor.save(owner(guild), guild, rule(guild, "to delete")).id() : kept;
                editor.delete(user, guild, target);
                assertThat(ruleIds(guild)).doesNotContain(target);
            }
            case PREVIEW_RULE -> assertThat(editor.preview(user, guild, rule(guild, "draft")).channelsRead())
                    .isPositive();
            default -> throw new IllegalStateException(op.toString());
        }
    }

    private static ConsoleUser owner(long guild) {
        return USERS.get(guild == guildA ? "ownera" : "ownerb");
    }

    private static List<Long> ruleIds(long guild) {
        return editor.rules(owner(guild), guild).stream().map(AutoModerationRule::id).sorted().toList();
    }

    @Test
    void coreServerValidationAndPermissionRefusalsReachTheEditor() {
        ConsoleUser manager = USERS.get("manager");
        AutoModerationRule badRegex = new AutoModerationRule(0, guildA, "bad", 0, EventType.MESSAGE_SEND,
                TriggerType.KEYWORD, TriggerMetadata.keywords(List.of(), List.of("([x"), List.of()),
                List.of(Action.block()), true, List.of(), List.of());
        assertThatThrownBy(() -> editor.save(manager, guildA, badRegex))
                .isInstanceOfSatisfying(CoreRefusedException.class, e -> {
                    assertThat(e.code()).isEqualTo(50035);
                    assertThat(FormErrors.flatten(e.errors())).containsKey("trigger_metadata.regex_patterns.0");
                });
        // a TIMEOUT action also needs Timeout Members, which the manager lacks: core-server says 50013
        AutoModerationRule timeout = new AutoModerationRule(0, guildA, "timeouts", 0, EventType.MESSAGE_SEND,
                TriggerType.KEYWORD, TriggerMetadata.keywords(List.of("x"), List.of(), List.of()),
                List.of(Action.timeout(60)), true, List.of(), List.of());
        assertThatThrownBy(() -> editor.save(manager, guildA, timeout))
                .isInstanceOfSatisfying(CoreRefusedException.class, e -> assertThat(e.code()).isEqualTo(50013));
    }
}
