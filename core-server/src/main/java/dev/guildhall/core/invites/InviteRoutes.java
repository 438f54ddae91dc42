package dev.guildhall.core.invites;

import dev.guildhall.core.http.ApiResponse;
import dev.guildhall.core.http.Router;

/** Invite routes. */
public final class InviteRoutes {
    private InviteRoutes() {
    }

    public static void register(Router router, InviteService invites) {
        router.post("/channels/{channel_id}/invites", req -> ApiResponse.ok(invites.create(req.requirePrincipal(),
                req.snowflake("channel_id"), req.jsonObject())));
        router.get("/invites/{code}", req -> ApiResponse.ok(invites.get(req.pathParam("code"))));
        router.post("/invites/{code}", req -> ApiResponse.ok(invites.join(req.requirePrincipal(),
                req.pathParam("code"))));
    }
}
