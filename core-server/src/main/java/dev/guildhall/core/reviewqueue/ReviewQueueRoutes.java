package dev.guildhall.core.reviewqueue;

import dev.guildhall.core.auditlog.AuditReason;
import dev.guildhall.core.http.ApiResponse;
import dev.guildhall.core.http.Router;
import io.netty.handler.codec.http.HttpMethod;

/** Guildhall's review-queue routes under Discord's auto moderation resource (docs/api.md, "Review queue"). */
public final class ReviewQueueRoutes {
    private ReviewQueueRoutes() {
    }

    public static void register(Router router, ReviewQueueService queue) {
        String base = "/guilds/{guild_id}/auto-moderation/queue";
        router.get(base, req -> ApiResponse.ok(queue.list(req.requirePrincipal(), req.snowflake("guild_id"),
                ReviewQuery.parse(req::queryParam))));
        router.get(base + "/decisions.tsv", req -> ApiResponse.text("text/tab-separated-values; charset=utf-8",
                queue.decisions(req.requirePrincipal(), req.snowflake("guild_id"), req.queryParam("after"),
                        req.queryParam("limit"))));
        router.get(base + "/{item_id}", req -> ApiResponse.ok(queue.get(req.requirePrincipal(),
                req.snowflake("guild_id"), req.snowflake("item_id"))));
        router.post(base + "/{item_id}/claim", req -> ApiResponse.ok(queue.claim(req.requirePrincipal(),
                req.snowflake("guild_id"), req.snowflake("item_id"))));
        router.add(HttpMethod.DELETE, base + "/{item_id}/claim", req -> {
            queue.release(req.requirePrincipal(), req.snowflake("guild_id"), req.snowflake("item_id"));
            return ApiResponse.noContent();
        });
        router.post(base + "/{item_id}/resolve", req -> ApiResponse.ok(queue.resolve(req.requirePrincipal(),
                req.snowflake("guild_id"), req.snowflake("item_id"), req.jsonObject(), AuditReason.of(req))));
        router.post(base + "/bulk-resolve", req -> ApiResponse.ok(queue.bulkResolve(req.requirePrincipal(),
                req.snowflake("guild_id"), req.jsonObject(), AuditReason.of(req))));
    }
}
