package dev.guildhall.core.automod;

import dev.guildhall.core.config.ConfigLoader;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AutoModConfigTest {
    @Test
    void defaultsServeTheBundledModelWithinTwoMilliseconds() {
        AutoModConfig c = ConfigLoader.load(null, Map.of()).autoMod();
        assertThat(c.modelEnabled()).isTrue();
        assertThat(c.modelDir()).isNull();
        assertThat(c.budget()).isEqualTo(Duration.ofMillis(1).plusNanos(600_000));
        assertThat(c.verdictsEnabled()).isTrue();
        assertThat(c.verdictsGroup()).isEqualTo("core-server-automod-verdicts");
    }

    @Test
    void budgetIsDecimalMillisecondsAndSettableFromTheEnvironment() {
        AutoModConfig c = ConfigLoader.load(null, Map.of("GUILDHALL_AUTOMOD_MODEL_BUDGET_MS", "0.5",
                "GUILDHALL_AUTOMOD_MODEL_DIR", "/var/models", "GUILDHALL_AUTOMOD_MODEL_ENABLED", "false")).autoMod();
        assertThat(c.budget()).isEqualTo(Duration.ofNanos(500_000));
        assertThat(c.modelDir()).isEqualTo(Path.of("/var/models"));
        assertThat(c.modelEnabled()).isFalse();
        assertThat(ConfigLoader.fromMap(Map.of("automod.model.budget.ms", "0")).autoMod().budget()).isZero();
    }

    @Test
    void badValuesAreNamedInTheError() {
        assertThatThrownBy(() -> ConfigLoader.fromMap(Map.of("automod.model.budget.ms", "-1")))
                .hasMessageContaining("automod.model.budget.ms must be >= 0");
        assertThatThrownBy(() -> ConfigLoader.fromMap(Map.of("automod.model.budget.ms", "2ms")))
                .hasMessageContaining("automod.model.budget.ms must be a number of milliseconds");
        assertThatThrownBy(() -> ConfigLoader.fromMap(Map.of("automod.model.enabled", "yes")))
                .hasMessageContaining("automod.model.enabled must be true or false");
        assertThatThrownBy(() -> ConfigLoader.fromMap(Map.of("automod.model.threads", "0")))
                .hasMessageContaining("automod.model.threads must be >= 1");
    }
}
