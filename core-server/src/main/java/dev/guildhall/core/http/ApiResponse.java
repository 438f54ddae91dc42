package dev.guildhall.core.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * A successful answer: status and JSON body (null body = no content), a text body (metrics) or a file's bytes.
 */
public record ApiResponse(HttpResponseStatus status, JsonNode body, String contentType, String text, byte[] bytes) {
    public ApiResponse(HttpResponseStatus status, JsonNode body, String contentType, String text) {
        this(status, body, contentType, text, null);
    }

    public static ApiResponse ok(JsonNode body) {
        return new ApiResponse(HttpResponseStatus.OK, body, null, null);
    }

    public static ApiResponse created(JsonNode body) {
        return new ApiResponse(HttpResponseStatus.CREATED, body, null, null);
    }

    public static ApiResponse json(HttpResponseStatus status, JsonNode body) {
        return new ApiResponse(status, body, null, null);
    }

    public static ApiResponse noContent() {
        return new ApiResponse(HttpResponseStatus.NO_CONTENT, null, null, null);
    }

    public static ApiResponse text(String contentType, String text) {
        return new ApiResponse(HttpResponseStatus.OK, null, contentType, text);
    }

    /** A file's bytes (an attachment), served as {@code contentType}. */
    public static ApiResponse file(String contentType, byte[] bytes) {
        return new ApiResponse(HttpResponseStatus.OK, null, contentType, null, bytes);
    }
}
