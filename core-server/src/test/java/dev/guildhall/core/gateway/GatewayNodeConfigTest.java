package dev.guildhall.core.gateway;

import dev.guildhall.core.config.ConfigLoader;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GatewayNodeConfigTest {
    private static final String PG = "jdbc:postgresql://127.0.0.1:5432/x";

    @Test
    void offByDefault() {
        GatewayNodeConfig c = ConfigLoader.fromMap(Map.of("pg.url", PG)).gatewayNodes();
        assertThat(c.gatewayNode()).isFalse();
        assertThat(c.linkEnabled()).isFalse();
    }

    @Test
    void aGatewayNodeFromTheEnvironment() {
        GatewayNodeConfig c = ConfigLoader.load(null, Map.of("GUILDHALL_PG_URL", PG, "GUILDHALL_NODE_ROLE", "gateway",
                "GUILDHALL_GATEWAY_LINK_SECRET", "0123456789abcdef", "GUILDHALL_GATEWAY_LINK_PRIMARY",
                "core.internal:9100")).gatewayNodes();
        assertThat(c.gatewayNode()).isTrue();
        assertThat(c.primaryHost()).isEqualTo("core.internal");
        assertThat(c.primaryPort()).isEqualTo(9100);
    }

    @Test
    void badSettingsAreRejectedWithTheKeyNamed() {
        assertThatThrownBy(() -> ConfigLoader.fromMap(Map.of("pg.url", PG, "node.role", "gateway")))
                .hasMessageContaining("gateway.link.secret");
        assertThatThrownBy(() -> ConfigLoader.fromMap(Map.of("pg.url", PG, "node.role", "edge")))
                .hasMessageContaining("node.role");
        assertThatThrownBy(() -> ConfigLoader.fromMap(Map.of("pg.url", PG, "gateway.link.primary", "nohost")))
                .hasMessageContaining("host:port");
    }
}
