package dev.guildhall.simulator.state;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class StateStoreTest {
    private static final String CORE = "http://127.0.0.1:8090";

    @Test
    void roundTrip(@TempDir Path dir) {
        StateStore store = new StateStore(dir.resolve("sub/state.json"));
        SimulatorState s = store.load(CORE);
        assertThat(s.accounts).isEmpty();
        SimulatorState.Account owner = new SimulatorState.Account("1001");
        owner.joinedGuilds.add("2001");
        s.accounts.put("owner", owner);
        s.accounts.put("sim-user-01", new SimulatorState.Account("1002"));
        s.guilds.add(new SimulatorState.Guild("2001", "Demo Guild 1", "3001", "3002", "inv1"));
        store.save(s);

        SimulatorState read = new StateStore(dir.resolve("sub/state.json")).load(CORE);
        assertThat(read).isEqualTo(s);
        assertThat(read.guildNamed("Demo Guild 1").voiceChannelId).isEqualTo("3002");
        assertThat(read.accounts.get("owner").joinedGuilds).containsExactly("2001");
        assertThat(dir.resolve("sub/state.json.tmp")).doesNotExist();
    }

    @Test
    void aCorruptFileIsMovedAsideAndTheSimulatorStartsOver(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("state.json");
        Files.writeString(file, "{ not json");
        SimulatorState s = new StateStore(file).load(CORE);
        assertThat(s.accounts).isEmpty();
        assertThat(s.coreUrl).isEqualTo(CORE);
        assertThat(dir.resolve("state.json.corrupt")).hasContent("{ not json");
        assertThat(file).doesNotExist();
    }

    @Test
    void stateOfAnotherCoreServerIsNotReused(@TempDir Path dir) {
        StateStore store = new StateStore(dir.resolve("state.json"));
        SimulatorState s = store.load("http://10.0.0.1:8090");
        s.accounts.put("owner", new SimulatorState.Account("1"));
        store.save(s);
        assertThat(store.load(CORE).accounts).isEmpty();
        assertThat(store.load("http://10.0.0.1:8090").accounts).containsKey("owner");
    }

    @Test
    void unknownFieldsAreIgnored(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("state.json");
        Files.writeString(file, "{\"core_url\":\"" + CORE + "\",\"future\":1,\"accounts\":{\"sre\":{\"user_id\":\"5\",\"x\":2}},\"guilds\":[]}");
        assertThat(new StateStore(file).load(CORE).accounts.get("sre").userId).isEqualTo("5");
    }
}
