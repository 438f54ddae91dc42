package dev.guildhall.console.rules;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.automod.rules.AutoModJson;
import dev.guildhall.automod.rules.AutoModerationRule;

/** The JSON bodies of Discord's create and modify rule calls, from a rule the editor built. */
public final class RuleBodies {

    private RuleBodies() {
    }

    /** {@code POST} body: every field but the ones the server assigns (id, guild_id, creator_id). */
    public static ObjectNode create(AutoModerationRule rule) {
        ObjectNode body = AutoModJson.mapper().valueToTree(rule);
        body.remove("id");
        body.remove("guild_id");
        body.remove("creator_id");
        return body;
    }

    /** {@code PATCH} body: like create, without trigger_type (fixed once a rule exists, as in Discord). */
    public static ObjectNode modify(AutoModerationRule rule) {
        ObjectNode body = create(rule);
        body.remove("trigger_type");
        return body;
    }
}
