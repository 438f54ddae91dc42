package dev.guildhall.simulator.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.http.WebSocket;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/** Joins the text frames a WebSocket listener receives into whole payloads and parses each as JSON. */
public final class JsonFrames {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StringBuilder partial = new StringBuilder();

    /**
     * Adds one frame: the whole payload as JSON when it was the payload's {@code last} frame, else null. A payload
     * that is not JSON throws and is dropped (the next frame starts a new payload).
     */
    public JsonNode add(CharSequence frame, boolean last) throws IOException {
        partial.append(frame);
        if (!last) {
            return null;
        }
        String text = partial.toString();
        partial.setLength(0);
        return JSON.readTree(text);
    }

    /**
     * A listener's {@code onText}: adds the frame, hands a whole payload to {@code handler}, tells
     * {@code notUnderstood} about a payload that is not JSON or that the handler failed on, and asks the socket for
     * the next frame.
     */
    public CompletionStage<?> receive(WebSocket socket, CharSequence frame, boolean last,
                                      BiConsumer<WebSocket, JsonNode> handler, Consumer<Exception> notUnderstood) {
        try {
            JsonNode payload = add(frame, last);
            if (payload != null) {
                handler.accept(socket, payload);
            }
        } catch (IOException | RuntimeException e) {
            notUnderstood.accept(e);
        }
        socket.request(1);
        return null;
    }

    /** Drops a partly received payload (the connection was lost). */
    public void reset() {
        partial.setLength(0);
    }
}
