package dev.guildhall.core.http;

import dev.guildhall.core.errors.ApiException;
import dev.guildhall.core.errors.InvalidFormBody;
import dev.guildhall.core.errors.InvalidJson;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ApiRequestTest {
    private static ApiRequest request(String contentType, String body, Map<String, String> params) {
        HttpHeaders headers = new DefaultHttpHeaders();
        if (contentType != null) {
            headers.set("Content-Type", contentType);
        }
        return new ApiRequest(HttpMethod.POST, "/x", Map.of(), headers,
                body == null ? null : body.getBytes(StandardCharsets.UTF_8), null, params);
    }

    @Test
    void jsonContentTypesAreRecognisedWithParametersAndInAnyCase() {
        assertThat(ApiRequest.isJson("application/json")).isTrue();
        assertThat(ApiRequest.isJson("Application/JSON; charset=UTF-8")).isTrue();
        assertThat(ApiRequest.isJson(" application/json ;charset=utf-8")).isTrue();
        assertThat(ApiRequest.isJson(null)).isFalse();
        assertThat(ApiRequest.isJson("text/plain")).isFalse();
        assertThat(ApiRequest.isJson("application/jsonx")).isFalse();
        assertThat(ApiRequest.isJson("multipart/form-data; boundary=x")).isFalse();
    }

    @Test
    void anEmptyBodyIsAnEmptyObjectWhateverItsType() {
        assertThat(request(null, "", Map.of()).jsonObject().isEmpty()).isTrue();
        assertThat(request("text/plain", null, Map.of()).jsonObject().isEmpty()).isTrue();
        assertThat(request("application/json", " ", Map.of()).jsonObject().isEmpty()).isTrue();
    }

    @Test
    void aBodyOfAnotherTypeIsContentTypeInvalid() {
        InvalidFormBody e = catchThrowableOfType(() -> request("text/plain", "{}", Map.of()).jsonObject(),
                InvalidFormBody.class);
        assertThat(e.code()).isEqualTo(50035);
        assertThat(e.errors().at("/_errors/0/code").asText()).isEqualTo("CONTENT_TYPE_INVALID");
        assertThat(e.errors().at("/_errors/0/message").asText())
                .isEqualTo("Expected \"Content-Type\" header to be one of {'application/json'}.");
        assertThat(catchThrowableOfType(() -> request(null, "{}", Map.of()).jsonObject(), InvalidFormBody.class))
                .isNotNull();
    }

    @Test
    void invalidJsonIs50109AndOtherTopLevelTypesAreDictTypeConvert() {
        ApiException invalid = catchThrowableOfType(() -> request("application/json", "{", Map.of()).jsonObject(),
                InvalidJson.class);
        assertThat(invalid.code()).isEqualTo(50109);
        assertThat(invalid.getMessage()).isEqualTo("The request body contains invalid JSON.");
        for (String other : new String[]{"[]", "\"x\"", "1", "true", "null"}) {
            InvalidFormBody e = catchThrowableOfType(() -> request("application/json", other, Map.of()).jsonObject(),
                    InvalidFormBody.class);
            assertThat(e.errors().at("/_errors/0/code").asText()).as(other).isEqualTo("DICT_TYPE_CONVERT");
        }
    }

    @Test
    void snowflakePathParameters() {
        assertThat(request(null, null, Map.of("channel_id", "123")).snowflake("channel_id")).isEqualTo(123);
        assertThat(request(null, null, Map.of("channel_id", "0")).snowflake("channel_id")).isZero();
        InvalidFormBody e = catchThrowableOfType(
                () -> request(null, null, Map.of("channel_id", "abc")).snowflake("channel_id"), InvalidFormBody.class);
        assertThat(e.httpStatus()).isEqualTo(400);
        assertThat(e.errors().at("/channel_id/_errors/0/code").asText()).isEqualTo("NUMBER_TYPE_COERCE");
        assertThat(e.errors().at("/channel_id/_errors/0/message").asText()).isEqualTo("Value \"abc\" is not snowflake.");
    }
}
