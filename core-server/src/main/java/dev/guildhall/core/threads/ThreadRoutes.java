package dev.guildhall.core.threads;

import dev.guildhall.core.http.ApiResponse;
import dev.guildhall.core.http.Router;
import io.netty.handler.codec.http.HttpMethod;

/** Thread routes (starting, membership, listing). PATCH/DELETE of a thread go through the channel routes. */
public final class ThreadRoutes {
    private ThreadRoutes() {
    }

    public static void register(Router router, ThreadService threads, ThreadMembership members,
                                ThreadListings listings) {
        router.post("/channels/{channel_id}/messages/{message_id}/threads", req -> ApiResponse.created(
                threads.startFromMessage(req.requirePrincipal(), req.snowflake("channel_id"),
                        req.snowflake("message_id"), req.jsonObject())));
        router.post("/channels/{channel_id}/threads", req -> ApiResponse.created(threads.startWithoutMessage(
                req.requirePrincipal(), req.snowflake("channel_id"), req.jsonObject())));
        router.add(HttpMethod.PUT, "/channels/{channel_id}/thread-members/@me", req -> {
            members.join(req.requirePrincipal(), req.snowflake("channel_id"));
            return ApiResponse.noContent();
        });
        router.add(HttpMethod.DELETE, "/channels/{channel_id}/thread-members/@me", req -> {
            members.leave(req.requirePrincipal(), req.snowflake("channel_id"));
            return ApiResponse.noContent();
        });
        router.add(HttpMethod.PUT, "/channels/{channel_id}/thread-members/{user_id}", req -> {
            members.addMember(req.requirePrincipal(), req.snowflake("channel_id"), req.snowflake("user_id"));
            return ApiResponse.noContent();
        });
        router.add(HttpMethod.DELETE, "/channels/{channel_id}/thread-members/{user_id}", req -> {
            members.removeMember(req.requirePrincipal(), req.snowflake("channel_id"), req.snowflake("user_id"));
            return ApiResponse.noContent();
        });
        router.get("/channels/{channel_id}/thread-members/{user_id}", req -> ApiResponse.ok(members.member(
                req.requirePrincipal(), req.snowflake("channel_id"), req.snowflake("user_id"),
                req.queryParam("with_member"))));
        router.get("/channels/{channel_id}/thread-members", req -> ApiResponse.ok(members.members(
                req.requirePrincipal(), req.snowflake("channel_id"), req.queryParam("with_member"),
                req.queryParam("after"), req.queryParam("limit"))));
        router.get("/guilds/{guild_id}/threads/active", req -> ApiResponse.ok(listings.activeThreads(
                req.requirePrincipal(), req.snowflake("guild_id"))));
        router.get("/channels/{channel_id}/threads/archived/public", req -> ApiResponse.ok(listings.archivedPublic(
                req.requirePrincipal(), req.snowflake("channel_id"), req.queryParam("before"),
                req.queryParam("limit"))));
        router.get("/channels/{channel_id}/threads/archived/private", req -> ApiResponse.ok(listings.archivedPrivate(
                req.requirePrincipal(), req.snowflake("channel_id"), req.queryParam("before"),
                req.queryParam("limit"))));
        router.get("/channels/{channel_id}/users/@me/threads/archived/private", req -> ApiResponse.ok(
                listings.joinedPrivateArchived(req.requirePrincipal(), req.snowflake("channel_id"),
                        req.queryParam("before"), req.queryParam("limit"))));
    }
}
