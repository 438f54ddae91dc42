package dev.guildhall.analytics.sink;

import dev.guildhall.warehouse.ClickHouseUrl;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Posts an INSERT with its rows to ClickHouse's HTTP interface ({@code POST /?database=..&query=INSERT ... FORMAT
 * TabSeparated}, the rows as the body) — the interface ClickHouse 18.16 and current servers share, and the one the
 * legacy JDBC driver used underneath. Connections are kept alive and reused by the JDK's HTTP keep-alive cache
 * (each response is read to its end). {@code user} and {@code password} of the JDBC url's parameters are passed on.
 */
public final class ClickHouseHttp {
    private final URL url;
    private final int connectTimeoutMs;
    private final int readTimeoutMs;

    public ClickHouseHttp(String jdbcUrl, String query, Duration connectTimeout, Duration readTimeout) {
        ClickHouseUrl parsed = ClickHouseUrl.parse(jdbcUrl);
        StringBuilder u = new StringBuilder("http://").append(parsed.host()).append(':').append(parsed.port())
                .append("/?database=").append(encode(parsed.database()))
                .append("&query=").append(encode(query));
        for (String param : parsed.params().split("&")) {
            int eq = param.indexOf('=');
            String name = eq < 0 ? param : param.substring(0, eq);
            if (name.equals("user") || name.equals("password")) {
                u.append('&').append(param);
            }
        }
        this.url = toUrl(u.toString());
        this.connectTimeoutMs = (int) connectTimeout.toMillis();
        this.readTimeoutMs = (int) readTimeout.toMillis();
    }

    /** Posts {@code length} bytes of {@code body}; throws with ClickHouse's message when the insert failed. */
    public void post(byte[] body, int length) throws IOException {
        HttpURLConnection c = (HttpURLConnection) url.openConnection();
        try {
            c.setConnectTimeout(connectTimeoutMs);
            c.setReadTimeout(readTimeoutMs);
            c.setRequestMethod("POST");
            c.setDoOutput(true);
            c.setFixedLengthStreamingMode(length);
            c.setRequestProperty("Content-Type", "text/tab-separated-values; charset=UTF-8");
            try (OutputStream out = c.getOutputStream()) {
                out.write(body, 0, length);
            }
            int status = c.getResponseCode();
            if (status == HttpURLConnection.HTTP_OK) {
                try (InputStream in = c.getInputStream()) {
                    in.readAllBytes();   // read to the end, so the connection goes back to the keep-alive cache
                }
                return;
            }
            InputStream error = c.getErrorStream();
            String message = error == null ? "" : new String(error.readAllBytes(), StandardCharsets.UTF_8).strip();
            if (error != null) {
                error.close();
            }
            throw new IOException("ClickHouse answered HTTP " + status + ": " + message);
        } catch (IOException e) {
            c.disconnect();
            throw e;
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static URL toUrl(String s) {
        try {
            return URI.create(s).toURL();
        } catch (IOException e) {
            throw new IllegalArgumentException("bad ClickHouse url " + s, e);
        }
    }
}
