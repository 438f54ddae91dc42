package dev.guildhall.core.interactions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.core.errors.UnknownWebhook;
import dev.guildhall.core.http.ApiRequest;
import dev.guildhall.core.http.ApiResponse;
import dev.guildhall.core.http.Router;
import io.netty.handler.codec.http.HttpMethod;

/**
 * Interaction routes: invocation by a user ({@code POST /interactions}), the application's callback, and the
 * follow-up routes under {@code /webhooks/{application.id}/{interaction.token}} (no Authorization: the token is the
 * credential). The token path parameters are named {@code webhook_token} / {@code interaction_token} so the rate
 * limiter and logs can treat them as secrets.
 */
public final class InteractionRoutes {
    private InteractionRoutes() {
    }

    public static void register(Router router, InteractionService interactions) {
        router.post("/interactions", req -> {
            interactions.invoke(req.requirePrincipal(), req.jsonObject());
            return ApiResponse.noContent();
        });
        router.post("/interactions/{interaction_id}/{interaction_token}/callback", req -> {
            ObjectNode answer = interactions.callback(req.snowflake("interaction_id"),
                    req.pathParam("interaction_token"), req.jsonObject(),
                    "true".equalsIgnoreCase(req.queryParam("with_response")));
            return answer == null ? ApiResponse.noContent() : ApiResponse.ok(answer);
        });
        router.post("/webhooks/{webhook_id}/{webhook_token}", req -> ApiResponse.ok(
                interactions.followup(application(req, interactions), req.pathParam("webhook_token"),
                        req.jsonObject())));
        String message = "/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}";
        router.get(message, req -> ApiResponse.ok(interactions.getMessage(application(req, interactions),
                req.pathParam("webhook_token"), req.pathParam("message_id"))));
        router.patch(message, req -> ApiResponse.ok(interactions.editMessage(application(req, interactions),
                req.pathParam("webhook_token"), req.pathParam("message_id"), req.jsonObject())));
        router.add(HttpMethod.DELETE, message, req -> {
            interactions.deleteMessage(application(req, interactions), req.pathParam("webhook_token"),
                    req.pathParam("message_id"));
            return ApiResponse.noContent();
        });
    }

    /** The application of a follow-up route; any other id is 10015 Unknown Webhook. */
    private static long application(ApiRequest req, InteractionService interactions) {
        long id = req.snowflake("webhook_id");
        if (!interactions.isApplication(id)) {
            throw new UnknownWebhook();
        }
        return id;
    }
}
