package dev.guildhall.core.guilds;

import dev.guildhall.core.auditlog.AuditReason;
import dev.guildhall.core.http.ApiResponse;
import dev.guildhall.core.http.Router;
import io.netty.handler.codec.http.HttpMethod;

/** Guild settings and deletion routes. */
public final class GuildAdminRoutes {
    private GuildAdminRoutes() {
    }

    public static void register(Router router, GuildAdminService guilds) {
        router.patch("/guilds/{guild_id}", req -> ApiResponse.ok(guilds.modify(req.requirePrincipal(),
                req.snowflake("guild_id"), req.jsonObject(), AuditReason.of(req))));
        router.add(HttpMethod.DELETE, "/guilds/{guild_id}", req -> {
            guilds.delete(req.requirePrincipal(), req.snowflake("guild_id"));
            return ApiResponse.noContent();
        });
    }
}
