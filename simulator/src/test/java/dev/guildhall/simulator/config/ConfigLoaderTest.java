package dev.guildhall.simulator.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {

    @Test
    void defaultsFollowTheRuntimeContract() {
        SimulatorConfig c = ConfigLoader.load(new String[0], Map.of());
        assertThat(c.coreUrl().toString()).isEqualTo("http://127.0.0.1:8090");
        assertThat(c.users()).isEqualTo(50);
        assertThat(c.guilds()).isEqualTo(3);
        assertThat(c.metricsPort()).isEqualTo(9252);
        assertThat(c.statePath()).isEqualTo(Path.of("var/simulator-state.json"));
        assertThat(c.password()).isEqualTo("guildhall-demo");
        assertThat(c.messageRate()).isEqualTo(2.0);
        assertThat(c.simUser(1)).isEqualTo("sim-user-01");
        assertThat(c.simUser(50)).isEqualTo("sim-user-50");
        assertThat(c.api("/auth/login").toString()).isEqualTo("http://127.0.0.1:8090/api/v10/auth/login");
    }

    @Test
    void envOverridesTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sim.properties");
        Files.writeString(file, "sim.users=7\nsim.guilds=2\ncore.url=http://127.0.0.1:1/\nsim.impair=0.5\n");
        SimulatorConfig c = ConfigLoader.load(new String[]{"--config", file.toString()},
                Map.of("GUILDHALL_SIM_USERS", "9"));
        assertThat(c.users()).isEqualTo(9);
        assertThat(c.guilds()).isEqualTo(2);
        assertThat(c.impairShare()).isEqualTo(0.5);
        assertThat(c.api("/gateway").toString()).isEqualTo("http://127.0.0.1:1/api/v10/gateway");
    }

    @Test
    void badValuesGetAClearMessage() {
        assertThatThrownBy(() -> ConfigLoader.load(new String[0], Map.of("GUILDHALL_SIM_USERS", "lots")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("GUILDHALL_SIM_USERS").hasMessageContaining("lots");
        assertThatThrownBy(() -> ConfigLoader.load(new String[0], Map.of("GUILDHALL_SIM_IMPAIR", "1.5")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("GUILDHALL_SIM_IMPAIR");
        assertThatThrownBy(() -> ConfigLoader.load(new String[0], Map.of("GUILDHALL_CORE_URL", "ftp://x")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("GUILDHALL_CORE_URL");
        assertThatThrownBy(() -> ConfigLoader.load(new String[0], Map.of("GUILDHALL_SIM_GUILDS", "0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("GUILDHALL_SIM_GUILDS");
        assertThatThrownBy(() -> ConfigLoader.load(new String[]{"--config"}, Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("--config");
        assertThatThrownBy(() -> ConfigLoader.load(new String[]{"--config", "/nonexistent/x.properties"}, Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("/nonexistent/x.properties");
    }
}
