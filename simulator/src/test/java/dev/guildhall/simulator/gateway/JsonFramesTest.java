package dev.guildhall.simulator.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class JsonFramesTest {

    @Test
    void joinsFramesIntoOnePayloadAndStartsAfreshAfterIt() throws IOException {
        JsonFrames frames = new JsonFrames();
        assertNull(frames.add("{\"op\":10,", false));
        assertEquals(10, frames.add("\"d\":{}}", true).path("op").asInt());
        assertEquals(11, frames.add("{\"op\":11}", true).path("op").asInt());
    }

    @Test
    void aPayloadThatIsNotJsonIsDroppedAndResetDropsAPartOne() throws IOException {
        JsonFrames frames = new JsonFrames();
        assertThrows(IOException.class, () -> frames.add("{not json", true));
        assertEquals(1, frames.add("{\"op\":1}", true).path("op").asInt());
        assertNull(frames.add("{\"op\":", false));
        frames.reset();
        assertEquals(6, frames.add("{\"op\":6}", true).path("op").asInt());
    }
}
