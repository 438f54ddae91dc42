package dev.guildhall.core.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.core.json.Json;

/** Discord's user object. */
public final class UserViews {
    private UserViews() {
    }

    public static ObjectNode user(User u) {
        ObjectNode o = Json.object();
        o.put("id", Json.id(u.id()));
        o.put("username", u.username());
        o.put("discriminator", "0");
        if (u.globalName() == null) {
            o.putNull("global_name");
        } else {
            o.put("global_name", u.globalName());
        }
        o.putNull("avatar");
        o.put("bot", u.bot());
        o.put("system", false);
        o.putNull("banner");
        o.putNull("accent_color");
        o.putNull("avatar_decoration_data");
        o.put("public_flags", 0);
        o.put("flags", 0);
        return o;
    }

    /** The caller's own user ({@code GET /users/@me}, READY.user). */
    public static ObjectNode self(User u) {
        ObjectNode o = user(u);
        o.put("mfa_enabled", false);
        o.put("locale", "en-US");
        o.put("verified", true);
        o.putNull("email");
        o.put("premium_type", 0);
        return o;
    }
}
