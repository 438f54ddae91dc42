package dev.guildhall.core.automod;

import dev.guildhall.core.auditlog.AuditReason;
import dev.guildhall.core.http.ApiResponse;
import dev.guildhall.core.http.Router;
import io.netty.handler.codec.http.HttpMethod;

/** Discord's auto moderation rule routes. */
public final class AutoModRoutes {
    private AutoModRoutes() {
    }

    public static void register(Router router, AutoModRuleService rules) {
        String base = "/guilds/{guild_id}/auto-moderation/rules";
        router.get(base, req -> ApiResponse.ok(rules.list(req.requirePrincipal(), req.snowflake("guild_id"))));
        router.get(base + "/{rule_id}", req -> ApiResponse.ok(rules.get(req.requirePrincipal(),
                req.snowflake("guild_id"), req.snowflake("rule_id"))));
        router.post(base, req -> ApiResponse.ok(rules.create(req.requirePrincipal(), req.snowflake("guild_id"),
                req.jsonObject(), AuditReason.of(req))));
        router.patch(base + "/{rule_id}", req -> ApiResponse.ok(rules.modify(req.requirePrincipal(),
                req.snowflake("guild_id"), req.snowflake("rule_id"), req.jsonObject(), AuditReason.of(req))));
        router.add(HttpMethod.DELETE, base + "/{rule_id}", req -> {
            rules.delete(req.requirePrincipal(), req.snowflake("guild_id"), req.snowflake("rule_id"),
                    AuditReason.of(req));
            return ApiResponse.noContent();
        });
    }
}
