package dev.guildhall.core.bans;

import dev.guildhall.core.auditlog.AuditReason;
import dev.guildhall.core.http.ApiResponse;
import dev.guildhall.core.http.Router;
import io.netty.handler.codec.http.HttpMethod;

/** Guild ban routes. */
public final class BanRoutes {
    private BanRoutes() {
    }

    public static void register(Router router, BanService bans) {
        router.get("/guilds/{guild_id}/bans", req -> ApiResponse.ok(bans.list(req.requirePrincipal(),
                req.snowflake("guild_id"), req.queryParam("limit"), req.queryParam("before"),
                req.queryParam("after"))));
        router.get("/guilds/{guild_id}/bans/{user_id}", req -> ApiResponse.ok(bans.get(req.requirePrincipal(),
                req.snowflake("guild_id"), req.snowflake("user_id"))));
        router.add(HttpMethod.PUT, "/guilds/{guild_id}/bans/{user_id}", req -> {
            bans.ban(req.requirePrincipal(), req.snowflake("guild_id"), req.snowflake("user_id"), req.jsonObject(),
                    AuditReason.of(req));
            return ApiResponse.noContent();
        });
        router.add(HttpMethod.DELETE, "/guilds/{guild_id}/bans/{user_id}", req -> {
            bans.unban(req.requirePrincipal(), req.snowflake("guild_id"), req.snowflake("user_id"),
                    AuditReason.of(req));
            return ApiResponse.noContent();
        });
    }
}
