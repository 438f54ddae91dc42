package dev.guildhall.simulator.gateway;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GatewayUriTest {
    @Test
    void addsVersionAndEncodingLikeADiscordClient() {
        assertThat(GatewayClients.withQuery("ws://127.0.0.1:8090/gateway").toString())
                .isEqualTo("ws://127.0.0.1:8090/gateway?v=10&encoding=json");
        assertThat(GatewayClients.withQuery("wss://gateway.example").toString())
                .isEqualTo("wss://gateway.example/?v=10&encoding=json");
        assertThat(GatewayClients.withQuery("ws://h/gateway?v=10&encoding=json").toString())
                .isEqualTo("ws://h/gateway?v=10&encoding=json");
    }
}
