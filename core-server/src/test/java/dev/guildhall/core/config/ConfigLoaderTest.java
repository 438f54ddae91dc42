package dev.guildhall.core.config;

import dev.guildhall.core.http.BodyLimits;
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
        CoreConfig c = ConfigLoader.load(null, Map.of());
        assertThat(c.httpPort()).isEqualTo(8090);
        assertThat(c.pgUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/guildhall");
        assertThat(c.kafkaBootstrap()).isEqualTo("127.0.0.1:9092");
        assertThat(c.voiceUdpPort()).isEqualTo(50000);
        assertThat(c.voiceRegion()).isEqualTo("local");
        assertThat(c.voiceServerId()).isEqualTo("voice-local-1");
        assertThat(c.publicHost()).isEqualTo("127.0.0.1");
        assertThat(c.bodyLimits()).isEqualTo(new BodyLimits(1024 * 1024, 25 * 1024 * 1024));
    }

    @Test
    void bodyLimitsAreConfigurablePerContentTypeWithClearErrors() {
        assertThat(ConfigLoader.load(null, Map.of("GUILDHALL_HTTP_MAX_BODY_BYTES", "2048",
                "GUILDHALL_HTTP_MAX_MULTIPART_BYTES", "104857600")).bodyLimits())
                .isEqualTo(new BodyLimits(2048, 100 * 1024 * 1024));
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("GUILDHALL_HTTP_MAX_MULTIPART_BYTES", "10")))
                .hasMessageContaining("http.max.multipart.bytes must be >= 1024");
    }

    @Test
    void environmentWinsOverTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("core.properties");
        Files.writeString(file, "http.port=9000\npg.user=fromfile\nvoice.region=eu\n");
        CoreConfig c = ConfigLoader.load(file, Map.of("GUILDHALL_HTTP_PORT", "9100",
                "GUILDHALL_KAFKA_BOOTSTRAP", "k:1", "GUILDHALL_PUBLIC_HOST", "example.test"));
        assertThat(c.httpPort()).isEqualTo(9100);
        assertThat(c.pgUser()).isEqualTo("fromfile");
        assertThat(c.voiceRegion()).isEqualTo("eu");
        assertThat(c.kafkaBootstrap()).isEqualTo("k:1");
        assertThat(c.gatewayUrl(9100)).isEqualTo("ws://example.test:9100/gateway");
    }

    @Test
    void badValuesAreRejectedWithTheKeyName() {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("GUILDHALL_HTTP_PORT", "eighty")))
                .hasMessageContaining("http.port");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("GUILDHALL_PG_URL", "jdbc:mysql://x")))
                .hasMessageContaining("pg.url");
        assertThat(ConfigLoader.envName("outbox.max.backoff.ms")).isEqualTo("GUILDHALL_OUTBOX_MAX_BACKOFF_MS");
    }
}
