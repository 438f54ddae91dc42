package dev.guildhall.core.messages;

import dev.guildhall.core.http.ApiResponse;
import dev.guildhall.core.http.Router;

/** Message routes. */
public final class MessageRoutes {
    private MessageRoutes() {
    }

    public static void register(Router router, MessageService messages) {
        router.post("/channels/{channel_id}/messages", req -> ApiResponse.ok(messages.send(req.requirePrincipal(),
                req.snowflake("channel_id"), req.jsonObject())));
        router.get("/channels/{channel_id}/messages", req -> ApiResponse.ok(messages.list(req.requirePrincipal(),
                req.snowflake("channel_id"), req.queryParam("limit"), req.queryParam("before"),
                req.queryParam("after"))));
        router.get("/channels/{channel_id}/messages/{message_id}", req -> ApiResponse.ok(messages.get(
                req.requirePrincipal(), req.snowflake("channel_id"), req.snowflake("message_id"))));
    }
}
