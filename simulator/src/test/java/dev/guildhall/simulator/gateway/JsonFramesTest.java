package dev.guildhall.simulator.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
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

    @Test
    void receiveHandsOverWholePayloadsReportsBadOnesAndAlwaysAsksForTheNextFrame() {
        JsonFrames frames = new JsonFrames();
        CountingSocket socket = new CountingSocket();
        List<Integer> handled = new ArrayList<>();
        List<String> bad = new ArrayList<>();
        BiConsumer<WebSocket, JsonNode> handler = (ws, payload) -> {
            if (payload.path("op").asInt() == 9) {
                throw new IllegalStateException("handler failed");
            }
            handled.add(payload.path("op").asInt());
        };
        frames.receive(socket, "{\"op\":", false, handler, e -> bad.add(e.getMessage()));
        frames.receive(socket, "10}", true, handler, e -> bad.add(e.getMessage()));
        frames.receive(socket, "nope", true, handler, e -> bad.add(e.getClass().getSimpleName()));
        frames.receive(socket, "{\"op\":9}", true, handler, e -> bad.add(e.getMessage()));
        assertEquals(List.of(10), handled);
        assertEquals(List.of("JsonParseException", "handler failed"), bad);
        assertEquals(4, socket.requested);
    }

    /** Counts the frames asked for; nothing else is used. */
    private static final class CountingSocket implements WebSocket {
        int requested;

        @Override
        public void request(long n) {
            requested += (int) n;
        }

        @Override
        public CompletableFuture<WebSocket> sendText(CharSequence data, boolean last) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<WebSocket> sendBinary(ByteBuffer data, boolean last) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<WebSocket> sendPing(ByteBuffer message) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<WebSocket> sendPong(ByteBuffer message) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<WebSocket> sendClose(int statusCode, String reason) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String getSubprotocol() {
            return "";
        }

        @Override
        public boolean isOutputClosed() {
            return false;
        }

        @Override
        public boolean isInputClosed() {
            return false;
        }

        @Override
        public void abort() {
        }
    }
}
