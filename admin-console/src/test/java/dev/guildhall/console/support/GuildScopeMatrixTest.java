package dev.guildhall.console.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.guildhall.console.auth.ConsoleUser;
import dev.guildhall.console.auth.GuildAccessDeniedException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GuildScopeMatrixTest {

    enum Op { READ, WRITE }

    private static final long A = 1;
    private static final long B = 2;
    private static final Map<String, ConsoleUser> USERS = new LinkedHashMap<>();

    static {
        USERS.put("owner", new ConsoleUser("owner", 10, "t1", Set.of()));
        USERS.put("member", new ConsoleUser("member", 11, "t2", Set.of()));
    }

    /** The service under test: the owner may do everything in A, the member may read A; B is nobody's. */
    private static void service(Op op, ConsoleUser user, long guild) {
        boolean ok = guild == A && (user.getName().equals("owner") || op == Op.READ);
        if (!ok) {
            throw new GuildAccessDeniedException("no");
        }
    }

    @Test
    void aMatrixThatMatchesTheServiceHasNoFailures() {
        Map<String, Map<Long, Set<Op>>> allowed = new LinkedHashMap<>();
        allowed.put("owner", Map.of(A, Set.of(Op.READ, Op.WRITE), B, Set.of()));
        allowed.put("member", Map.of(A, Set.of(Op.READ), B, Set.of()));
        List<String> cells = new ArrayList<>();
        assertThat(GuildScopeMatrix.failures(USERS, allowed, List.of(A, B), Op.class, (op, user, guild, expect) -> {
            cells.add(user.getName() + guild + op);
            service(op, user, guild);
        })).isEmpty();
        assertThat(cells).hasSize(2 * 2 * 2);
    }

    @Test
    void everyCellThatDiffersIsNamed() {
        Map<String, Map<Long, Set<Op>>> allowed = new LinkedHashMap<>();
        allowed.put("owner", Map.of(A, Set.of(Op.READ), B, Set.of(Op.READ)));
        allowed.put("member", Map.of(A, Set.of(Op.READ), B, Set.of()));
        assertThat(GuildScopeMatrix.failures(USERS, allowed, List.of(A, B), Op.class,
                (op, user, guild, expect) -> service(op, user, guild)))
                .containsExactly("owner × A × WRITE: allowed, expected refused",
                        "owner × B × READ: refused, expected allowed (no)");
    }

    @Test
    void aRefusalThatChangedStateAndAFailingCheckAreFailures() {
        Map<String, Map<Long, Set<Op>>> allowed = new LinkedHashMap<>();
        allowed.put("owner", Map.of(A, Set.of(Op.READ, Op.WRITE), B, Set.of()));
        allowed.put("member", Map.of(A, Set.of(Op.READ), B, Set.of()));
        int[] state = {0};
        List<String> failures = GuildScopeMatrix.failures(USERS, allowed, List.of(A), Op.class,
                (op, user, guild, expect) -> {
                    if (op == Op.WRITE) {
                        state[0]++; // a refused write that still wrote
                    }
                    if (user.getName().equals("owner") && op == Op.READ) {
                        throw new AssertionError("wrong answer");
                    }
                    service(op, user, guild);
                }, guild -> state[0], "the state");
        assertThat(failures).containsExactly("owner × A × READ: java.lang.AssertionError: wrong answer",
                "member × A × WRITE: refused but the state changed");
    }

    @Test
    void aUserWithoutARowFailsAtOnce() {
        Map<String, Map<Long, Set<Op>>> allowed = Map.of("owner", Map.of(A, Set.of(), B, Set.of()));
        assertThatThrownBy(() -> GuildScopeMatrix.failures(USERS, allowed, List.of(A, B), Op.class,
                (op, user, guild, expect) -> { })).isInstanceOf(AssertionError.class)
                .hasMessageContaining("a row for every console user");
    }
}
