package dev.guildhall.core.http;

import dev.guildhall.core.errors.MethodNotAllowed;
import dev.guildhall.core.errors.RouteNotFound;
import io.netty.handler.codec.http.HttpMethod;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RouterTest {
    private final Router router = new Router()
            .get("/users/{user_id}", req -> ApiResponse.noContent())
            .get("/users/@me", req -> ApiResponse.noContent())
            .post("/channels/{channel_id}/messages", req -> ApiResponse.noContent())
            .get("/channels/{channel_id}/messages/{message_id}", req -> ApiResponse.noContent());

    @Test
    void literalSegmentsWinOverParameters() {
        assertThat(router.match(HttpMethod.GET, "/users/@me").route().template()).isEqualTo("/users/@me");
        Router.Match m = router.match(HttpMethod.GET, "/users/42");
        assertThat(m.route().template()).isEqualTo("/users/{user_id}");
        assertThat(m.params()).containsEntry("user_id", "42");
    }

    @Test
    void bindsSeveralParametersAndToleratesATrailingSlash() {
        Router.Match m = router.match(HttpMethod.GET, "/channels/1/messages/2/");
        assertThat(m.params()).containsEntry("channel_id", "1").containsEntry("message_id", "2");
    }

    @Test
    void wrongMethodIs405AndUnknownPathIs404() {
        assertThatThrownBy(() -> router.match(HttpMethod.GET, "/channels/1/messages"))
                .isInstanceOf(MethodNotAllowed.class);
        assertThatThrownBy(() -> router.match(HttpMethod.GET, "/channels/1/nothing"))
                .isInstanceOf(RouteNotFound.class);
        assertThatThrownBy(() -> router.match(HttpMethod.GET, "/channels//messages"))
                .isInstanceOf(RouteNotFound.class);
    }
}
