package dev.guildhall.core.permissions;

import dev.guildhall.core.channels.Channel;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.guildhall.core.permissions.Permissions.ADD_REACTIONS;
import static dev.guildhall.core.permissions.Permissions.ADMINISTRATOR;
import static dev.guildhall.core.permissions.Permissions.ALL;
import static dev.guildhall.core.permissions.Permissions.ATTACH_FILES;
import static dev.guildhall.core.permissions.Permissions.CONNECT;
import static dev.guildhall.core.permissions.Permissions.DEFAULT_EVERYONE;
import static dev.guildhall.core.permissions.Permissions.EMBED_LINKS;
import static dev.guildhall.core.permissions.Permissions.MANAGE_CHANNELS;
import static dev.guildhall.core.permissions.Permissions.MANAGE_MESSAGES;
import static dev.guildhall.core.permissions.Permissions.MANAGE_ROLES;
import static dev.guildhall.core.permissions.Permissions.MENTION_EVERYONE;
import static dev.guildhall.core.permissions.Permissions.READ_MESSAGE_HISTORY;
import static dev.guildhall.core.permissions.Permissions.SEND_MESSAGES;
import static dev.guildhall.core.permissions.Permissions.SEND_TTS_MESSAGES;
import static dev.guildhall.core.permissions.Permissions.SPEAK;
import static dev.guildhall.core.permissions.Permissions.VIEW_CHANNEL;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link PermissionMath} against a reference written straight from the Discord docs (topics/permissions:
 * compute_base_permissions / compute_overwrites, "Implicit Permissions", "Permissions For Timed Out Members"),
 * over random guilds; plus the documented tricky cases by example.
 */
class PermissionMathTest {
    private static final long GUILD = 1000;
    private static final long USER = 5000;
    private static final long OTHER_USER = 5001;
    private static final long[] ROLE_IDS = {1, 2, 3, 4, 5, 6};
    private static final long[] BITS = {VIEW_CHANNEL, SEND_MESSAGES, CONNECT, ADMINISTRATOR, MENTION_EVERYONE,
            EMBED_LINKS, ATTACH_FILES, SEND_TTS_MESSAGES, READ_MESSAGE_HISTORY, SPEAK, MANAGE_CHANNELS, MANAGE_ROLES,
            ADD_REACTIONS, MANAGE_MESSAGES};
    private static final int[] TYPES = {Channel.GUILD_TEXT, Channel.GUILD_VOICE, Channel.GUILD_CATEGORY,
            Channel.GUILD_ANNOUNCEMENT, Channel.GUILD_STAGE_VOICE};

    // ---- the reference, as the docs' pseudo-code reads ----

    /** A generated scenario: the guild's roles, the member, the channel. */
    record Scenario(boolean owner, long everyone, Map<Long, Long> rolePermissions, List<Long> memberRoles,
                    Map<Long, PermissionOverwrite> overwrites, int channelType, boolean timedOut) {
    }

    private static long referenceBase(Scenario s) {
        if (s.owner()) {
            return ALL;
        }
        long permissions = s.everyone();
        for (long role : s.memberRoles()) {
            permissions |= s.rolePermissions().get(role);
        }
        if ((permissions & ADMINISTRATOR) == ADMINISTRATOR) {
            return ALL;
        }
        return permissions;
    }

    private static long referenceOverwrites(long basePermissions, Scenario s) {
        if ((basePermissions & ADMINISTRATOR) == ADMINISTRATOR) {
            return ALL;
        }
        long permissions = basePermissions;
        PermissionOverwrite overwriteEveryone = s.overwrites().get(GUILD);
        if (overwriteEveryone != null) {
            permissions &= ~overwriteEveryone.deny();
            permissions |= overwriteEveryone.allow();
        }
        long allow = 0;
        long deny = 0;
        for (long roleId : s.memberRoles()) {
            PermissionOverwrite overwriteRole = s.overwrites().get(roleId);
            if (overwriteRole != null) {
                allow |= overwriteRole.allow();
                deny |= overwriteRole.deny();
            }
        }
        permissions &= ~deny;
        permissions |= allow;
        PermissionOverwrite overwriteMember = s.overwrites().get(USER);
        if (overwriteMember != null) {
            permissions &= ~overwriteMember.deny();
            permissions |= overwriteMember.allow();
        }
        return permissions;
    }

    /** compute_permissions, then the implicit rules and the timeout rule (owners and administrators exempt). */
    private static long reference(Scenario s) {
        long base = referenceBase(s);
        long permissions = referenceOverwrites(base, s);
        if (base == ALL) {
            return permissions;
        }
        if ((permissions & VIEW_CHANNEL) != VIEW_CHANNEL) {
            return 0;
        }
        boolean text = s.channelType() == 0 || s.channelType() == 5;
        if (text && (permissions & SEND_MESSAGES) != SEND_MESSAGES) {
            permissions &= ~(MENTION_EVERYONE | SEND_TTS_MESSAGES | ATTACH_FILES | EMBED_LINKS);
        }
        boolean voice = s.channelType() == 2 || s.channelType() == 13;
        if (voice && (permissions & CONNECT) != CONNECT) {
            permissions &= VIEW_CHANNEL;
        }
        if (s.timedOut()) {
            permissions &= VIEW_CHANNEL | READ_MESSAGE_HISTORY;
        }
        return permissions;
    }

    // ---- the implementation under test ----

    private static long base(Scenario s) {
        long[] roles = s.memberRoles().stream().mapToLong(r -> s.rolePermissions().get(r)).toArray();
        return PermissionMath.base(s.owner(), s.everyone(), roles);
    }

    private static long channel(Scenario s) {
        List<PermissionOverwrite> list = new ArrayList<>(s.overwrites().values());
        return PermissionMath.channel(base(s), GUILD, USER, s.memberRoles(), list, s.channelType(), s.timedOut());
    }

    // ---- generators ----

    private static Arbitrary<Long> permissionSets() {
        Arbitrary<Long> fewBits = Arbitraries.of(toList(BITS)).list().ofMaxSize(5)
                .map(l -> l.stream().mapToLong(Long::longValue).reduce(0, (a, b) -> a | b));
        Arbitrary<Long> anyBits = Arbitraries.longs().map(v -> v & ALL);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, fewBits), net.jqwik.api.Tuple.of(1, anyBits),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(0L)));
    }

    private static Arbitrary<Long> memberBaseSets() {
        // @everyone mostly has VIEW_CHANNEL (as in a real guild) and rarely ADMINISTRATOR
        return permissionSets().map(p -> p & ~ADMINISTRATOR).flatMap(p -> Arbitraries.frequency(
                net.jqwik.api.Tuple.of(3, p | VIEW_CHANNEL), net.jqwik.api.Tuple.of(1, p)));
    }

    private static List<Long> toList(long[] values) {
        List<Long> out = new ArrayList<>();
        for (long v : values) {
            out.add(v);
        }
        return out;
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<Map<Long, Long>> roles = permissionSets().map(p -> p & ~ADMINISTRATOR).list()
                .ofSize(ROLE_IDS.length).flatMap(perms -> Arbitraries.integers().between(0, ROLE_IDS.length - 1)
                        .map(admin -> {
                            Map<Long, Long> m = new HashMap<>();
                            for (int i = 0; i < ROLE_IDS.length; i++) {
                                m.put(ROLE_IDS[i], perms.get(i));
                            }
                            return m;
                        }));
        Arbitrary<Boolean> adminRole = Arbitraries.frequency(net.jqwik.api.Tuple.of(1, true),
                net.jqwik.api.Tuple.of(9, false));
        Arbitrary<List<Long>> memberRoles = Arbitraries.of(toList(ROLE_IDS)).set().ofMaxSize(4)
                .map(set -> List.copyOf(new LinkedHashSet<>(set)));
        List<Long> targets = new ArrayList<>(toList(ROLE_IDS));
        targets.add(GUILD);
        Arbitrary<Map<Long, PermissionOverwrite>> overwrites = Arbitraries.of(targets).set().ofMaxSize(5)
                .flatMap(ids -> Combinators.combine(permissionSets().list().ofSize(ids.size()),
                                permissionSets().list().ofSize(ids.size()),
                                Arbitraries.integers().between(0, 3))
                        .as((allows, denies, members) -> {
                            Map<Long, PermissionOverwrite> m = new HashMap<>();
                            int i = 0;
                            for (long id : ids) {
                                m.put(id, new PermissionOverwrite(id, PermissionOverwrite.ROLE, allows.get(i),
                                        denies.get(i)));
                                i++;
                            }
                            // 0: none, 1: this member's overwrite, 2: another member's, 3: both
                            if ((members & 1) != 0) {
                                m.put(USER, new PermissionOverwrite(USER, PermissionOverwrite.MEMBER,
                                        allows.isEmpty() ? VIEW_CHANNEL : allows.get(0) | SEND_MESSAGES,
                                        denies.isEmpty() ? CONNECT : denies.get(denies.size() - 1)));
                            }
                            if ((members & 2) != 0) {
                                m.put(OTHER_USER, new PermissionOverwrite(OTHER_USER, PermissionOverwrite.MEMBER,
                                        ALL, ALL));
                            }
                            return m;
                        }));
        return Combinators.combine(Arbitraries.frequency(net.jqwik.api.Tuple.of(1, true),
                                net.jqwik.api.Tuple.of(12, false)), memberBaseSets(), roles, adminRole, memberRoles,
                        overwrites, Arbitraries.of(toList(new long[]{0, 1, 2, 3, 4})), Arbitraries.of(true, false))
                .as((owner, everyone, rolePerms, admin, member, ows, typeIndex, timedOut) -> {
                    Map<Long, Long> perms = new HashMap<>(rolePerms);
                    if (admin && !member.isEmpty()) {
                        perms.put(member.get(0), perms.get(member.get(0)) | ADMINISTRATOR);
                    }
                    return new Scenario(owner, everyone, perms, member, ows, TYPES[(int) (long) typeIndex],
                            timedOut);
                });
    }

    @Property(tries = 3000)
    void channelPermissionsFollowTheDocumentedAlgorithm(@ForAll("scenarios") Scenario s) {
        assertThat(channel(s)).as("%s", s).isEqualTo(reference(s));
    }

    @Property(tries = 1000)
    void guildPermissionsAreTheBasePermissionsWithTheTimeoutApplied(@ForAll("scenarios") Scenario s) {
        long expected = referenceBase(s);
        if (s.timedOut() && expected != ALL) {
            expected &= VIEW_CHANNEL | READ_MESSAGE_HISTORY;
        }
        assertThat(PermissionMath.guild(base(s), s.timedOut())).as("%s", s).isEqualTo(expected);
    }

    @Property(tries = 1000)
    void overwritesOfOtherMembersAndForeignRolesNeverMatter(@ForAll("scenarios") Scenario s) {
        Map<Long, PermissionOverwrite> relevant = new HashMap<>();
        s.overwrites().forEach((id, o) -> {
            if (id == GUILD || id == USER || s.memberRoles().contains(id)) {
                relevant.put(id, o);
            }
        });
        Scenario only = new Scenario(s.owner(), s.everyone(), s.rolePermissions(), s.memberRoles(), relevant,
                s.channelType(), s.timedOut());
        assertThat(channel(only)).isEqualTo(channel(s));
    }

    // ---- documented cases by example ----

    private static long text(long everyone, Map<Long, Long> roles, List<Long> memberRoles,
                             PermissionOverwrite... overwrites) {
        long[] perms = memberRoles.stream().mapToLong(roles::get).toArray();
        long base = PermissionMath.base(false, everyone, perms);
        return PermissionMath.channel(base, GUILD, USER, memberRoles, List.of(overwrites), Channel.GUILD_TEXT,
                false);
    }

    private static PermissionOverwrite role(long id, long allow, long deny) {
        return new PermissionOverwrite(id, PermissionOverwrite.ROLE, allow, deny);
    }

    private static PermissionOverwrite member(long id, long allow, long deny) {
        return new PermissionOverwrite(id, PermissionOverwrite.MEMBER, allow, deny);
    }

    @Example
    void roleAllowWinsOverAnotherRolesDenyRegardlessOfPosition() {
        // docs: role A denies VIEW_CHANNEL, role B allows it: the user can view
        long p = text(DEFAULT_EVERYONE, Map.of(1L, 0L, 2L, 0L), List.of(1L, 2L),
                role(1, 0, VIEW_CHANNEL), role(2, VIEW_CHANNEL, 0));
        assertThat(p & VIEW_CHANNEL).isEqualTo(VIEW_CHANNEL);
    }

    @Example
    void everyoneDenyIsRestoredByAMemberAllowAndAMemberDenyBeatsARoleAllow() {
        assertThat(text(DEFAULT_EVERYONE, Map.of(), List.of(), role(GUILD, 0, VIEW_CHANNEL))).isZero();
        assertThat(text(DEFAULT_EVERYONE, Map.of(), List.of(), role(GUILD, 0, VIEW_CHANNEL),
                member(USER, VIEW_CHANNEL, 0)) & VIEW_CHANNEL).isEqualTo(VIEW_CHANNEL);
        assertThat(text(DEFAULT_EVERYONE, Map.of(1L, 0L), List.of(1L), role(1, SEND_MESSAGES, 0),
                member(USER, 0, SEND_MESSAGES)) & SEND_MESSAGES).isZero();
        // another member's overwrite does not apply
        assertThat(text(DEFAULT_EVERYONE, Map.of(), List.of(), member(OTHER_USER, 0, VIEW_CHANNEL))).isNotZero();
    }

    @Example
    void administratorsAndOwnersBypassOverwrites() {
        assertThat(text(DEFAULT_EVERYONE, Map.of(1L, ADMINISTRATOR), List.of(1L), role(GUILD, 0, ALL),
                member(USER, 0, ALL))).isEqualTo(ALL);
        long owner = PermissionMath.base(true, 0, new long[0]);
        assertThat(PermissionMath.channel(owner, GUILD, USER, List.of(), List.of(member(USER, 0, ALL)),
                Channel.GUILD_TEXT, true)).isEqualTo(ALL);
    }

    @Example
    void withoutSendMessagesATextChannelDeniesMentionTtsAttachAndEmbedButNotReactions() {
        long everyone = VIEW_CHANNEL | SEND_MESSAGES | MENTION_EVERYONE | SEND_TTS_MESSAGES | ATTACH_FILES
                | EMBED_LINKS | ADD_REACTIONS;
        long p = text(everyone, Map.of(), List.of(), role(GUILD, 0, SEND_MESSAGES));
        assertThat(p).isEqualTo(VIEW_CHANNEL | ADD_REACTIONS);
        // the rule is about text channels: a category keeps them
        long base = PermissionMath.base(false, everyone & ~SEND_MESSAGES, new long[0]);
        assertThat(PermissionMath.channel(base, GUILD, USER, List.of(), List.of(), Channel.GUILD_CATEGORY, false))
                .isEqualTo(everyone & ~SEND_MESSAGES);
    }

    @Example
    void withoutConnectAVoiceChannelIsOnlyVisible() {
        long base = PermissionMath.base(false, DEFAULT_EVERYONE | MANAGE_CHANNELS, new long[0]);
        assertThat(PermissionMath.channel(base, GUILD, USER, List.of(), List.of(role(GUILD, 0, CONNECT)),
                Channel.GUILD_VOICE, false)).isEqualTo(VIEW_CHANNEL);
        assertThat(PermissionMath.channel(base, GUILD, USER, List.of(), List.of(), Channel.GUILD_VOICE, false))
                .isEqualTo(DEFAULT_EVERYONE | MANAGE_CHANNELS);
    }

    @Example
    void timedOutMembersKeepOnlyViewAndHistoryUnlessAdministrator() {
        long base = PermissionMath.base(false, DEFAULT_EVERYONE, new long[]{MANAGE_MESSAGES});
        assertThat(PermissionMath.guild(base, true)).isEqualTo(VIEW_CHANNEL | READ_MESSAGE_HISTORY);
        assertThat(PermissionMath.channel(base, GUILD, USER, List.of(1L), List.of(member(USER, SEND_MESSAGES, 0)),
                Channel.GUILD_TEXT, true)).isEqualTo(VIEW_CHANNEL | READ_MESSAGE_HISTORY);
        // a voice channel stays visible: the CONNECT rule looks at the permissions before the timeout
        assertThat(PermissionMath.channel(base, GUILD, USER, List.of(), List.of(), Channel.GUILD_VOICE, true))
                .isEqualTo(VIEW_CHANNEL | READ_MESSAGE_HISTORY);
        long admin = PermissionMath.base(false, DEFAULT_EVERYONE, new long[]{ADMINISTRATOR});
        assertThat(PermissionMath.guild(admin, true)).isEqualTo(ALL);
    }

    @Example
    void noViewChannelMeansNothing() {
        assertThat(text(ALL & ~ADMINISTRATOR, Map.of(), List.of(), role(GUILD, 0, VIEW_CHANNEL))).isZero();
    }

    @Example
    void everyNamedBitIsInAll() {
        Set<Long> bits = new LinkedHashSet<>();
        for (java.lang.reflect.Field f : Permissions.class.getFields()) {
            if (f.getType() == long.class && !f.getName().equals("ALL") && !f.getName().equals("DEFAULT_EVERYONE")) {
                try {
                    bits.add(f.getLong(null));
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
        assertThat(bits).hasSize(52);
        assertThat(bits.stream().mapToLong(Long::longValue).reduce(0, (a, b) -> a | b)).isEqualTo(ALL);
    }
}
