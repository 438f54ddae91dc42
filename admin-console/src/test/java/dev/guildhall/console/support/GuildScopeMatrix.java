package dev.guildhall.console.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guildhall.console.auth.ConsoleUser;
import dev.guildhall.console.auth.GuildAccessDeniedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * An authorization matrix of a console service: every operation × console user × guild. An operation the user may
 * do there must succeed (the cell runs it and checks its effect); any other must be refused by the console's own
 * check ({@link GuildAccessDeniedException}) before core-server is asked. Collects every cell that differs, named
 * "user × guild letter × operation", so one run shows the whole picture.
 */
public final class GuildScopeMatrix {

    private GuildScopeMatrix() {
    }

    /** Runs one operation of one user on one guild; throws GuildAccessDeniedException when refused. */
    public interface Cell<O> {
        void run(O op, ConsoleUser user, long guild, boolean expectAllowed);
    }

    /**
     * @param allowed   user → guild → the operations allowed there; a row for every user
     * @param guilds    the guilds, lettered A, B, ... in this order
     * @param unchanged what a refusal must leave as it was, read before and after each refused cell (null: nothing)
     * @param what      what {@code unchanged} reads, for the failure ("the guild's rules")
     * @return the cells that differ from {@code allowed}
     */
    public static <O extends Enum<O>> List<String> failures(Map<String, ConsoleUser> users,
            Map<String, Map<Long, Set<O>>> allowed, List<Long> guilds, Class<O> ops, Cell<O> cell,
            LongFunction<Object> unchanged, String what) {
        assertThat(allowed.keySet()).as("a row for every console user").isEqualTo(users.keySet());
        List<String> failures = new ArrayList<>();
        for (var row : allowed.entrySet()) {
            ConsoleUser user = users.get(row.getKey());
            for (int g = 0; g < guilds.size(); g++) {
                long guild = guilds.get(g);
                for (O op : ops.getEnumConstants()) {
                    boolean expectAllowed = row.getValue().get(guild).contains(op);
                    String name = row.getKey() + " × " + (char) ('A' + g) + " × " + op;
                    Object before = unchanged == null ? null : unchanged.apply(guild);
                    try {
                        cell.run(op, user, guild, expectAllowed);
                        if (!expectAllowed) {
                            failures.add(name + ": allowed, expected refused");
                        }
                    } catch (GuildAccessDeniedException e) {
                        if (expectAllowed) {
                            failures.add(name + ": refused, expected allowed (" + e.getMessage() + ")");
                        } else if (unchanged != null && !Objects.equals(unchanged.apply(guild), before)) {
                            failures.add(name + ": refused but " + what + " changed");
                        }
                    } catch (RuntimeException | AssertionError e) {
                        failures.add(name + ": " + e);
                    }
                }
            }
        }
        return failures;
    }

    public static <O extends Enum<O>> List<String> failures(Map<String, ConsoleUser> users,
            Map<String, Map<Long, Set<O>>> allowed, List<Long> guilds, Class<O> ops, Cell<O> cell) {
        return failures(users, allowed, guilds, ops, cell, null, null);
    }
}
