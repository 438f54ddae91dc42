package dev.guildhall.core.members;

import dev.guildhall.core.auditlog.AuditReason;
import dev.guildhall.core.http.ApiResponse;
import dev.guildhall.core.http.Router;
import io.netty.handler.codec.http.HttpMethod;

/** Guild member routes (reading one member is in GuildRoutes). */
public final class MemberRoutes {
    private MemberRoutes() {
    }

    public static void register(Router router, MemberService members) {
        router.get("/guilds/{guild_id}/members", req -> ApiResponse.ok(members.list(req.requirePrincipal(),
                req.snowflake("guild_id"), req.queryParam("limit"), req.queryParam("after"))));
        router.get("/guilds/{guild_id}/members/search", req -> ApiResponse.ok(members.search(req.requirePrincipal(),
                req.snowflake("guild_id"), req.queryParam("query"), req.queryParam("limit"))));
        router.patch("/guilds/{guild_id}/members/@me", req -> ApiResponse.ok(members.modifySelf(
                req.requirePrincipal(), req.snowflake("guild_id"), req.jsonObject(), AuditReason.of(req))));
        router.patch("/guilds/{guild_id}/members/{user_id}", req -> ApiResponse.ok(members.modify(
                req.requirePrincipal(), req.snowflake("guild_id"), req.snowflake("user_id"), req.jsonObject(),
                AuditReason.of(req))));
        router.add(HttpMethod.PUT, "/guilds/{guild_id}/members/{user_id}/roles/{role_id}", req -> {
            members.setRole(req.requirePrincipal(), req.snowflake("guild_id"), req.snowflake("user_id"),
                    req.snowflake("role_id"), true, AuditReason.of(req));
            return ApiResponse.noContent();
        });
        router.add(HttpMethod.DELETE, "/guilds/{guild_id}/members/{user_id}/roles/{role_id}", req -> {
            members.setRole(req.requirePrincipal(), req.snowflake("guild_id"), req.snowflake("user_id"),
                    req.snowflake("role_id"), false, AuditReason.of(req));
            return ApiResponse.noContent();
        });
        router.add(HttpMethod.DELETE, "/guilds/{guild_id}/members/{user_id}", req -> {
            members.kick(req.requirePrincipal(), req.snowflake("guild_id"), req.snowflake("user_id"),
                    AuditReason.of(req));
            return ApiResponse.noContent();
        });
        router.add(HttpMethod.DELETE, "/users/@me/guilds/{guild_id}", req -> {
            members.leave(req.requirePrincipal(), req.snowflake("guild_id"));
            return ApiResponse.noContent();
        });
    }
}
