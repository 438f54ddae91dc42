package dev.guildhall.bench.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Both encodings of the microbenchmark produce the same gateway payload, so it compares like with like. */
class DispatchEncodingBenchTest {
    @Test
    void serialiseOnceFramesEqualPerSessionFrames() throws Exception {
        DispatchEncodingBench bench = new DispatchEncodingBench();
        bench.sessions = 1;
        bench.setUp();
        ObjectMapper mapper = new ObjectMapper();
        JsonNode perSession = mapper.readTree(bench.frames()[0]);
        JsonNode once = mapper.readTree(bench.frames()[1]);
        assertThat(once).isEqualTo(perSession);
        assertThat(once.path("s").asInt()).isEqualTo(1);
        assertThat(once.path("d").path("content").asText()).isEqualTo("bench-12345");
    }
}
