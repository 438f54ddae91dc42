package dev.guildhall.core.interactions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.core.http.ApiResponse;
import dev.guildhall.core.http.Router;

/**
 * Interaction routes: invocation by a user ({@code POST /interactions}) and the application's callback (no
 * Authorization: the interaction token in the path is the credential, kept out of logs). The follow-up routes under
 * {@code /webhooks/{application.id}/{interaction.token}} are the webhook routes' (see {@code WebhookRoutes}).
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
    }
}
