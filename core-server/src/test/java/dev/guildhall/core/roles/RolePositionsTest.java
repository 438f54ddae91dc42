package dev.guildhall.core.roles;

import dev.guildhall.core.guilds.Role;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RolePositionsTest {
    private static final long GUILD = 100;

    private static Role role(long id, int position) {
        return new Role(id, GUILD, "r" + id, 0, position, 0, false, false);
    }

    private static Map<Long, Integer> positions(List<Role> roles) {
        return roles.stream().collect(java.util.stream.Collectors.toMap(Role::id, Role::position));
    }

    @Test
    void everyoneStaysAtZeroAndTheOthersAreNumberedWithoutGaps() {
        List<Role> out = RolePositions.renumber(List.of(role(GUILD, 0), role(1, 3), role(2, 7), role(3, 9)), Map.of());
        assertThat(positions(out)).containsEntry(GUILD, 0).containsEntry(1L, 1).containsEntry(2L, 2)
                .containsEntry(3L, 3);
    }

    @Test
    void requestedPositionsAreSortKeysWithTiesOrderedById() {
        List<Role> roles = List.of(role(GUILD, 0), role(1, 1), role(2, 2), role(3, 3));
        // move 1 to the top and 3 to position 2 (tying with 2: the lower id goes below)
        Map<Long, Integer> out = positions(RolePositions.renumber(roles, Map.of(1L, 3, 3L, 2)));
        assertThat(out).containsEntry(2L, 1).containsEntry(3L, 2).containsEntry(1L, 3).containsEntry(GUILD, 0);
    }

    @Test
    void positionZeroPutsARoleRightAboveEveryone() {
        Map<Long, Integer> out = positions(RolePositions.renumber(
                List.of(role(GUILD, 0), role(1, 1), role(2, 2)), Map.of(2L, 0)));
        assertThat(out).containsEntry(2L, 1).containsEntry(1L, 2);
    }
}
