package dev.guildhall.core.webhooks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.core.http.ApiRequest;
import dev.guildhall.core.http.ApiResponse;
import dev.guildhall.core.http.Router;
import dev.guildhall.core.interactions.InteractionService;
import io.netty.handler.codec.http.HttpMethod;

/**
 * Webhook routes. {@code /webhooks/{id}/{token}} serves incoming webhooks and interaction follow-ups alike (for an
 * interaction the id is its application's and the token the interaction's): one route each, dispatching on what the
 * id is. The token routes need no Authorization.
 */
public final class WebhookRoutes {
    private WebhookRoutes() {
    }

    public static void register(Router router, WebhookService webhooks, InteractionService interactions) {
        router.post("/channels/{channel_id}/webhooks", req -> ApiResponse.ok(webhooks.create(req.requirePrincipal(),
                req.snowflake("channel_id"), req.jsonObject())));
        router.get("/channels/{channel_id}/webhooks", req -> ApiResponse.ok(webhooks.listChannel(
                req.requirePrincipal(), req.snowflake("channel_id"))));
        router.get("/guilds/{guild_id}/webhooks", req -> ApiResponse.ok(webhooks.listGuild(req.requirePrincipal(),
                req.snowflake("guild_id"))));

        String byId = "/webhooks/{webhook_id}";
        router.get(byId, req -> ApiResponse.ok(webhooks.get(req.requirePrincipal(), req.snowflake("webhook_id"))));
        router.patch(byId, req -> ApiResponse.ok(webhooks.modify(req.requirePrincipal(), req.snowflake("webhook_id"),
                req.jsonObject())));
        router.add(HttpMethod.DELETE, byId, req -> {
            webhooks.delete(req.requirePrincipal(), req.snowflake("webhook_id"));
            return ApiResponse.noContent();
        });

        String byToken = "/webhooks/{webhook_id}/{webhook_token}";
        router.get(byToken, req -> ApiResponse.ok(webhooks.getWithToken(req.snowflake("webhook_id"), token(req))));
        router.patch(byToken, req -> ApiResponse.ok(webhooks.modifyWithToken(req.snowflake("webhook_id"), token(req),
                req.jsonObject())));
        router.add(HttpMethod.DELETE, byToken, req -> {
            webhooks.deleteWithToken(req.snowflake("webhook_id"), token(req));
            return ApiResponse.noContent();
        });
        router.post(byToken, req -> {
            long id = req.snowflake("webhook_id");
            if (interactions.isApplication(id)) {
                return ApiResponse.ok(interactions.followup(id, token(req), req.jsonObject()));
            }
            ObjectNode message = webhooks.execute(id, token(req), req.jsonObject(),
                    "true".equalsIgnoreCase(req.queryParam("wait")), req.queryParam("thread_id"));
            return message == null ? ApiResponse.noContent() : ApiResponse.ok(message);
        });

        String message = byToken + "/messages/{message_id}";
        router.get(message, req -> {
            long id = req.snowflake("webhook_id");
            return ApiResponse.ok(interactions.isApplication(id)
                    ? interactions.getMessage(id, token(req), req.pathParam("message_id"))
                    : webhooks.getMessage(id, token(req), req.snowflake("message_id")));
        });
        router.patch(message, req -> {
            long id = req.snowflake("webhook_id");
            return ApiResponse.ok(interactions.isApplication(id)
                    ? interactions.editMessage(id, token(req), req.pathParam("message_id"), req.jsonObject())
                    : webhooks.editMessage(id, token(req), req.snowflake("message_id"), req.jsonObject()));
        });
        router.add(HttpMethod.DELETE, message, req -> {
            long id = req.snowflake("webhook_id");
            if (interactions.isApplication(id)) {
                interactions.deleteMessage(id, token(req), req.pathParam("message_id"));
            } else {
                webhooks.deleteMessage(id, token(req), req.snowflake("message_id"));
            }
            return ApiResponse.noContent();
        });
    }

    private static String token(ApiRequest req) {
        return req.pathParam("webhook_token");
    }
}
