package dev.guildhall.simulator.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;

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

    /** Drops a partly received payload (the connection was lost). */
    public void reset() {
        partial.setLength(0);
    }
}
