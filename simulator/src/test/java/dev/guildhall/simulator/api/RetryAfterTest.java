package dev.guildhall.simulator.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RetryAfterTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void bodyWinsThenHeaderThenOneSecondCappedAtAMinute() throws Exception {
        assertThat(CoreApi.retryAfterSeconds(json.readTree("{\"retry_after\":0.25,\"global\":false}"), Optional.of("3")))
                .isEqualTo(0.25);
        assertThat(CoreApi.retryAfterSeconds(json.readTree("{}"), Optional.of("3"))).isEqualTo(3.0);
        assertThat(CoreApi.retryAfterSeconds(json.readTree("{}"), Optional.of("soon"))).isEqualTo(1.0);
        assertThat(CoreApi.retryAfterSeconds(json.readTree("{\"retry_after\":9999}"), Optional.empty())).isEqualTo(60.0);
    }
}
