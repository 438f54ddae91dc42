package dev.guildhall.core.errors;

import dev.guildhall.core.json.Json;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorResponsesTest {
    @Test
    void plainErrorsHaveMessageAndCodeOnly() {
        assertThat(Json.string(ErrorResponses.body(new MissingPermissions())))
                .isEqualTo("{\"message\":\"Missing Permissions\",\"code\":50013}");
        assertThat(new MissingPermissions().httpStatus()).isEqualTo(403);
        assertThat(Json.string(ErrorResponses.body(new UnknownChannel())))
                .isEqualTo("{\"message\":\"Unknown Channel\",\"code\":10003}");
        assertThat(new UnknownChannel().httpStatus()).isEqualTo(404);
    }

    @Test
    void invalidFormBodyNestsErrorsLikeDiscord() {
        InvalidFormBody e = InvalidFormBody.builder()
                .add("content", "BASE_TYPE_MAX_LENGTH", "Must be 2000 or fewer in length.")
                .add("embeds.0.title", "BASE_TYPE_REQUIRED", "This field is required")
                .add("embeds.0.title", "BASE_TYPE_STRING", "Must be a string.")
                .build();
        assertThat(Json.string(ErrorResponses.body(e))).isEqualTo("{\"message\":\"Invalid Form Body\",\"code\":50035,"
                + "\"errors\":{\"content\":{\"_errors\":[{\"code\":\"BASE_TYPE_MAX_LENGTH\","
                + "\"message\":\"Must be 2000 or fewer in length.\"}]},"
                + "\"embeds\":{\"0\":{\"title\":{\"_errors\":[{\"code\":\"BASE_TYPE_REQUIRED\",\"message\":\"This field is required\"},"
                + "{\"code\":\"BASE_TYPE_STRING\",\"message\":\"Must be a string.\"}]}}}}}");
    }

    @Test
    void bodyLevelErrorsSitAtTheRoot() {
        InvalidFormBody e = InvalidFormBody.of("", "DICT_TYPE_CONVERT", "Only dictionaries may be used in a DictType");
        assertThat(e.errors().at("/_errors/0/code").asText()).isEqualTo("DICT_TYPE_CONVERT");
    }

    @Test
    void slowmodeIsDiscordsRateLimitBodyWithItsCode() {
        SlowmodeRateLimited e = new SlowmodeRateLimited(java.time.Duration.ofMillis(1500));
        assertThat(e.httpStatus()).isEqualTo(429);
        assertThat(Json.string(ErrorResponses.body(e))).isEqualTo("{\"message\":\"This action cannot be performed "
                + "due to slowmode rate limit\",\"code\":20016,\"retry_after\":1.5,\"global\":false}");
        assertThat(e.headers()).containsEntry("Retry-After", "2").containsEntry("X-RateLimit-Scope", "user");
    }
}
