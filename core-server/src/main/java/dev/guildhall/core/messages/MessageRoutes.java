package dev.guildhall.core.messages;

import dev.guildhall.core.http.ApiResponse;
import dev.guildhall.core.http.Router;
import io.netty.handler.codec.http.HttpMethod;

/** Message routes. */
public final class MessageRoutes {
    private MessageRoutes() {
    }

    public static void register(Router router, MessageService messages) {
        router.post("/channels/{channel_id}/messages", req -> ApiResponse.ok(messages.send(req.requirePrincipal(),
                req.snowflake("channel_id"), req.jsonObject(), req.files())));
        router.get("/channels/{channel_id}/messages", req -> ApiResponse.ok(messages.list(req.requirePrincipal(),
                req.snowflake("channel_id"), req.queryParam("limit"), req.queryParam("before"),
                req.queryParam("after"), req.queryParam("around"))));
        router.get("/channels/{channel_id}/messages/{message_id}", req -> ApiResponse.ok(messages.get(
                req.requirePrincipal(), req.snowflake("channel_id"), req.snowflake("message_id"))));
        router.patch("/channels/{channel_id}/messages/{message_id}", req -> ApiResponse.ok(messages.edit(
                req.requirePrincipal(), req.snowflake("channel_id"), req.snowflake("message_id"), req.jsonObject(),
                req.files())));
        router.add(HttpMethod.DELETE, "/channels/{channel_id}/messages/{message_id}", req -> {
            messages.delete(req.requirePrincipal(), req.snowflake("channel_id"), req.snowflake("message_id"));
            return ApiResponse.noContent();
        });
        router.add(HttpMethod.PUT, "/channels/{channel_id}/messages/{message_id}/reactions/{emoji}/@me", req -> {
            messages.addReaction(req.requirePrincipal(), req.snowflake("channel_id"), req.snowflake("message_id"),
                    req.pathParam("emoji"));
            return ApiResponse.noContent();
        });
        router.add(HttpMethod.DELETE, "/channels/{channel_id}/messages/{message_id}/reactions/{emoji}/@me", req -> {
            messages.removeReaction(req.requirePrincipal(), req.snowflake("channel_id"),
                    req.snowflake("message_id"), req.pathParam("emoji"));
            return ApiResponse.noContent();
        });
        router.get("/channels/{channel_id}/messages/{message_id}/reactions/{emoji}", req -> ApiResponse.ok(
                messages.reactionUsers(req.requirePrincipal(), req.snowflake("channel_id"),
                        req.snowflake("message_id"), req.pathParam("emoji"), req.queryParam("limit"),
                        req.queryParam("after"))));
        router.add(HttpMethod.DELETE, "/channels/{channel_id}/messages/{message_id}/reactions/{emoji}/{user_id}",
                req -> {
                    messages.removeUserReaction(req.requirePrincipal(), req.snowflake("channel_id"),
                            req.snowflake("message_id"), req.pathParam("emoji"), req.snowflake("user_id"));
                    return ApiResponse.noContent();
                });
        router.add(HttpMethod.DELETE, "/channels/{channel_id}/messages/{message_id}/reactions/{emoji}", req -> {
            messages.removeAllReactions(req.requirePrincipal(), req.snowflake("channel_id"),
                    req.snowflake("message_id"), req.pathParam("emoji"));
            return ApiResponse.noContent();
        });
        router.add(HttpMethod.DELETE, "/channels/{channel_id}/messages/{message_id}/reactions", req -> {
            messages.removeAllReactions(req.requirePrincipal(), req.snowflake("channel_id"),
                    req.snowflake("message_id"), null);
            return ApiResponse.noContent();
        });
        router.post("/channels/{channel_id}/messages/bulk-delete", req -> {
            messages.bulkDelete(req.requirePrincipal(), req.snowflake("channel_id"), req.jsonObject());
            return ApiResponse.noContent();
        });
        router.get("/channels/{channel_id}/pins", req -> ApiResponse.ok(messages.pins(req.requirePrincipal(),
                req.snowflake("channel_id"))));
        router.add(HttpMethod.PUT, "/channels/{channel_id}/pins/{message_id}", req -> {
            messages.setPinned(req.requirePrincipal(), req.snowflake("channel_id"), req.snowflake("message_id"), true);
            return ApiResponse.noContent();
        });
        router.add(HttpMethod.DELETE, "/channels/{channel_id}/pins/{message_id}", req -> {
            messages.setPinned(req.requirePrincipal(), req.snowflake("channel_id"), req.snowflake("message_id"),
                    false);
            return ApiResponse.noContent();
        });
        router.get("/channels/{channel_id}/messages/pins", req -> ApiResponse.ok(messages.pinPage(
                req.requirePrincipal(), req.snowflake("channel_id"), req.queryParam("before"),
                req.queryParam("limit"))));
        router.add(HttpMethod.PUT, "/channels/{channel_id}/messages/pins/{message_id}", req -> {
            messages.setPinned(req.requirePrincipal(), req.snowflake("channel_id"), req.snowflake("message_id"), true);
            return ApiResponse.noContent();
        });
        router.add(HttpMethod.DELETE, "/channels/{channel_id}/messages/pins/{message_id}", req -> {
            messages.setPinned(req.requirePrincipal(), req.snowflake("channel_id"), req.snowflake("message_id"),
                    false);
            return ApiResponse.noContent();
        });
        router.post("/channels/{channel_id}/typing", req -> {
            messages.typing(req.requirePrincipal(), req.snowflake("channel_id"));
            return ApiResponse.noContent();
        });
    }
}
