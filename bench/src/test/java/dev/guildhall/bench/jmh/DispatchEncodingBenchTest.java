package dev.guildhall.bench.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The encodings of the microbenchmark produce the same gateway payload, so it compares like with like. */
class DispatchEncodingBenchTest {
    @Test
    void serialiseOnceFramesEqualPerSessionFrames() throws Exception {
        DispatchEncodingBench bench = new DispatchEncodingBench();
        bench.sessions = 1;
        bench.setUp();
        ObjectMapper mapper = new ObjectMapper();
        String[] frames = bench.frames();
        bench.tearDown();
        JsonNode perSession = mapper.readTree(frames[0]);
        JsonNode once = mapper.readTree(frames[1]);
        assertThat(once).isEqualTo(perSession);
        assertThat(frames[2]).isEqualTo(frames[0]).isEqualTo(frames[1]);
        assertThat(once.path("s").asInt()).isEqualTo(1);
        assertThat(once.path("d").path("content").asText()).isEqualTo("bench-12345");
    }
}
