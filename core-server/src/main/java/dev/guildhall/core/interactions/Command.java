package dev.guildhall.core.interactions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.core.json.Json;

/**
 * A stored application command.
 *
 * @param guildId 0 for a global command
 * @param body    the validated definition (see {@link CommandValidation})
 */
public record Command(long id, long applicationId, long guildId, int type, String name, ObjectNode body,
                      long version) {

    /** Discord's application command object. */
    public ObjectNode view() {
        ObjectNode o = Json.object();
        o.put("id", Json.id(id));
        o.put("application_id", Json.id(applicationId));
        if (guildId != 0) {
            o.put("guild_id", Json.id(guildId));
        }
        o.put("version", Json.id(version));
        o.setAll(body.deepCopy());
        if (!o.has("options")) {
            o.putArray("options");
        }
        return o;
    }
}
