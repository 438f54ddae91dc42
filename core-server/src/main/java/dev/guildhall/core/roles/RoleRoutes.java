package dev.guildhall.core.roles;

import dev.guildhall.core.auditlog.AuditReason;
import dev.guildhall.core.http.ApiResponse;
import dev.guildhall.core.http.Router;
import io.netty.handler.codec.http.HttpMethod;

/** Guild role routes. */
public final class RoleRoutes {
    private RoleRoutes() {
    }

    public static void register(Router router, RoleService roles) {
        router.get("/guilds/{guild_id}/roles", req -> ApiResponse.ok(roles.list(req.requirePrincipal(),
                req.snowflake("guild_id"))));
        router.get("/guilds/{guild_id}/roles/{role_id}", req -> ApiResponse.ok(roles.get(req.requirePrincipal(),
                req.snowflake("guild_id"), req.snowflake("role_id"))));
        router.post("/guilds/{guild_id}/roles", req -> ApiResponse.ok(roles.create(req.requirePrincipal(),
                req.snowflake("guild_id"), req.jsonObject(), AuditReason.of(req))));
        router.patch("/guilds/{guild_id}/roles/{role_id}", req -> ApiResponse.ok(roles.modify(req.requirePrincipal(),
                req.snowflake("guild_id"), req.snowflake("role_id"), req.jsonObject(), AuditReason.of(req))));
        router.patch("/guilds/{guild_id}/roles", req -> ApiResponse.ok(roles.reorder(req.requirePrincipal(),
                req.snowflake("guild_id"), req.jsonArray(), AuditReason.of(req))));
        router.add(HttpMethod.DELETE, "/guilds/{guild_id}/roles/{role_id}", req -> {
            roles.delete(req.requirePrincipal(), req.snowflake("guild_id"), req.snowflake("role_id"),
                    AuditReason.of(req));
            return ApiResponse.noContent();
        });
    }
}
