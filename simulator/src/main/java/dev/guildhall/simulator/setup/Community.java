package dev.guildhall.simulator.setup;

import dev.guildhall.simulator.api.Session;
import dev.guildhall.simulator.state.SimulatorState;

import java.util.List;
import java.util.Map;

/**
 * The demo community as set up on core-server.
 *
 * @param owner   the owner's session (member of every demo guild)
 * @param guilds  the demo guilds with their default channels
 * @param members simulated users that joined a guild, in user order, with the guild they chat and talk in
 */
public record Community(Session owner, List<SimulatorState.Guild> guilds, List<Member> members) {

    /** A simulated user and its home guild. */
    public record Member(String username, Session session, SimulatorState.Guild guild) {
    }

    public Community {
        guilds = List.copyOf(guilds);
        members = List.copyOf(members);
    }

    public Map<String, Session> sessionsByName() {
        return members.stream().collect(java.util.stream.Collectors.toMap(Member::username, Member::session));
    }
}
