package dev.guildhall.core.voice;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.guildhall.core.json.Json;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The voice regions a channel's {@code rtc_region} may name (Discord's voice region objects of
 * {@code GET /voice/regions}): the voice fleet's configured regions, or the embedded voice server's one region.
 * {@code optimal} is the region a channel without {@code rtc_region} counts as.
 */
public final class VoiceRegions {
    private final List<String> ids;
    private final String optimal;

    public VoiceRegions(Set<String> ids, String optimal) {
        Set<String> all = new LinkedHashSet<>();
        all.add(optimal);
        all.addAll(ids);
        this.ids = all.stream().sorted().toList();
        this.optimal = optimal;
    }

    public boolean contains(String id) {
        return ids.contains(id);
    }

    public List<String> ids() {
        return ids;
    }

    /** {@code [{id, name, optimal, deprecated, custom}]}, by id. */
    public ArrayNode json() {
        ArrayNode out = Json.array();
        for (String id : ids) {
            out.addObject().put("id", id).put("name", id).put("optimal", id.equals(optimal))
                    .put("deprecated", false).put("custom", false);
        }
        return out;
    }
}
