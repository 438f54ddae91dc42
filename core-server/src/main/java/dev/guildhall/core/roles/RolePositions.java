package dev.guildhall.core.roles;

import dev.guildhall.core.guilds.Role;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Role order: @everyone stays at 0, the other roles are numbered 1..n without gaps. Requested positions are sort
 * keys (roles with the same key are ordered by id, as Discord documents), so any set of requests yields one order.
 */
final class RolePositions {
    private RolePositions() {
    }

    /** The guild's roles renumbered after applying {@code requested} (role id → position); @everyone unchanged. */
    static List<Role> renumber(List<Role> roles, Map<Long, Integer> requested) {
        List<Role> others = new ArrayList<>();
        List<Role> out = new ArrayList<>();
        for (Role r : roles) {
            if (r.id() == r.guildId()) {
                out.add(r);
            } else {
                others.add(r);
            }
        }
        others.sort(Comparator.<Role>comparingInt(r -> requested.getOrDefault(r.id(), r.position()))
                .thenComparingLong(Role::id));
        for (int i = 0; i < others.size(); i++) {
            out.add(withPosition(others.get(i), i + 1));
        }
        return out;
    }

    static Role withPosition(Role r, int position) {
        return new Role(r.id(), r.guildId(), r.name(), r.permissions(), position, r.color(), r.hoist(),
                r.mentionable());
    }
}
