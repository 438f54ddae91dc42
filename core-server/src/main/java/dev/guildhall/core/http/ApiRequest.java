package dev.guildhall.core.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guildhall.core.auth.Principal;
import dev.guildhall.core.errors.InvalidFormBody;
import dev.guildhall.core.errors.InvalidJson;
import dev.guildhall.core.errors.Unauthorized;
import dev.guildhall.core.json.Json;
import dev.guildhall.core.json.Validation;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * One decoded API request, handed from the auth handler to the router and on to the feature's handler.
 *
 * @param path      path below {@code /api/v10}, without query
 * @param principal the authenticated caller, or null when no valid Authorization header was sent
 */
public record ApiRequest(HttpMethod method, String path, Map<String, List<String>> query, HttpHeaders headers,
                         byte[] body, Principal principal, Map<String, String> pathParams) {
    /** Discord's message for a body of another type (only JSON bodies are read here). */
    static final String EXPECTED_CONTENT_TYPE = "Expected \"Content-Type\" header to be one of {'application/json'}.";

    public ApiRequest withPathParams(Map<String, String> params) {
        return new ApiRequest(method, path, query, headers, body, principal, params);
    }

    /** The caller; 401 when the request carries no valid token. */
    public Principal requirePrincipal() {
        if (principal == null) {
            throw new Unauthorized();
        }
        return principal;
    }

    /**
     * The body as a JSON object: an empty body reads as {@code {}}; a {@code multipart/form-data} body is read from
     * its {@code payload_json} part, as Discord does; a body of another type is 50035 CONTENT_TYPE_INVALID; invalid
     * JSON (also bytes that are not UTF-8, or nesting beyond the parser's limit) is 50109; a non-object is 50035
     * DICT_TYPE_CONVERT.
     */
    public JsonNode jsonObject() {
        JsonNode node = jsonValue();
        if (!node.isObject()) {
            throw InvalidFormBody.of("", "DICT_TYPE_CONVERT", "Only dictionaries may be used in a DictType");
        }
        return node;
    }

    /** The body as a JSON array (e.g. role positions): invalid JSON is 50109; anything else is 50035. */
    public JsonNode jsonArray() {
        JsonNode node = jsonValue();
        if (!node.isArray()) {
            throw InvalidFormBody.of("", "LIST_TYPE_CONVERT", "Only iterables may be used in a ListType");
        }
        return node;
    }

    /** The body as any JSON value (an array for bulk routes), with the rules of {@link #jsonObject()}. */
    public JsonNode jsonValue() {
        if (body == null || body.length == 0) {
            return Json.object();
        }
        String contentType = headers == null ? null : headers.get(HttpHeaderNames.CONTENT_TYPE);
        byte[] json = body;
        if (MultipartForm.isMultipart(contentType)) {
            json = MultipartForm.payloadJson(contentType, body);
            if (json == null || json.length == 0) {
                return Json.object();
            }
        } else if (!isJson(contentType)) {
            throw InvalidFormBody.of("", "CONTENT_TYPE_INVALID", EXPECTED_CONTENT_TYPE);
        }
        JsonNode node;
        try {
            node = Json.parse(json);
        } catch (IOException | RuntimeException e) {
            throw new InvalidJson();
        }
        return node == null || node.isMissingNode() ? Json.object() : node;
    }

    /** The {@code files[n]} parts of a multipart body (none for a JSON body). */
    public List<UploadedFile> files() {
        String contentType = headers == null ? null : headers.get(HttpHeaderNames.CONTENT_TYPE);
        return MultipartForm.isMultipart(contentType) ? MultipartForm.files(contentType, body) : List.of();
    }

    /** Whether a Content-Type header names JSON ({@code application/json}, any parameters, any case). */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
        return type.equalsIgnoreCase("application/json");
    }

    /**
     * A snowflake path parameter; a non-number (or a number beyond 64 bits) is 50035 NUMBER_TYPE_COERCE like
     * Discord. A well-formed snowflake that names nothing (0, or beyond a signed long) reads as 0, which no
     * entity has, so the route answers its Unknown ... error.
     */
    public long snowflake(String name) {
        String raw = pathParams.get(name);
        long v = Validation.parseSnowflake(raw);
        if (v < 0) {
            InvalidFormBody.Builder errors = InvalidFormBody.builder();
            Validation.notSnowflake(name, raw, errors);
            throw errors.build();
        }
        return v;
    }

    public String pathParam(String name) {
        return pathParams.get(name);
    }

    public String queryParam(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
