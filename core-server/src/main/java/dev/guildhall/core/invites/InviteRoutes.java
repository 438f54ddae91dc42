package dev.guildhall.core.invites;

import dev.guildhall.core.auditlog.AuditReason;
import dev.guildhall.core.http.ApiResponse;
import dev.guildhall.core.http.Router;
import io.netty.handler.codec.http.HttpMethod;

/** Invite routes. */
public final class InviteRoutes {
    private InviteRoutes() {
    }

    public static void register(Router router, InviteService invites) {
        router.post("/channels/{channel_id}/invites", req -> ApiResponse.ok(invites.create(req.requirePrincipal(),
                req.snowflake("channel_id"), req.jsonObject(), AuditReason.of(req))));
        router.get("/channels/{channel_id}/invites", req -> ApiResponse.ok(invites.ofChannel(req.requirePrincipal(),
                req.snowflake("channel_id"))));
        router.get("/guilds/{guild_id}/invites", req -> ApiResponse.ok(invites.ofGuild(req.requirePrincipal(),
                req.snowflake("guild_id"))));
        router.add(HttpMethod.DELETE, "/invites/{code}", req -> ApiResponse.ok(invites.delete(req.requirePrincipal(),
                req.pathParam("code"), AuditReason.of(req))));
        router.get("/invites/{code}", req -> ApiResponse.ok(invites.get(req.pathParam("code"))));
        router.post("/invites/{code}", req -> ApiResponse.ok(invites.join(req.requirePrincipal(),
                req.pathParam("code"))));
    }
}
