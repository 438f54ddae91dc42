package dev.guildhall.core;

import dev.guildhall.core.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Garbage and slow clients on a raw TCP socket: answered with JSON errors or closed, never a hang. */
class RawSocketIT {
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("core_rawsocket", Map.of("http.request.timeout.ms", "1500"));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static String exchange(byte[] request, int readTimeoutMs) throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(readTimeoutMs);
            OutputStream out = s.getOutputStream();
            out.write(request);
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            byte[] chunk = new byte[4096];
            try {
                int n;
                while ((n = in.read(chunk)) != -1) {
                    buf.write(chunk, 0, n);
                }
            } catch (SocketTimeoutException e) {
                // whatever arrived so far
            }
            return buf.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void garbageGetsA400JsonAndAClose() throws Exception {
        String answer = exchange("\u0001\u0002 this is not http at all\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 5000);
        assertThat(answer).startsWith("HTTP/1.1 400").contains("\"code\":0");
    }

    @Test
    void slowClientIsCutOffWith408() throws Exception {
        byte[] partial = ("POST /api/v10/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"user")
                .getBytes(StandardCharsets.US_ASCII);
        long start = System.nanoTime();
        String answer = exchange(partial, 10_000);
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertThat(answer).startsWith("HTTP/1.1 408").contains("\"message\":\"408: Request Timeout\"");
        assertThat(ms).isLessThan(8000);
    }

    @Test
    void oversizedDeclaredBodyIs413WithoutReadingIt() throws Exception {
        byte[] head = ("POST /api/v10/auth/register HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: 50000000\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        String answer = exchange(head, 5000);
        assertThat(answer).startsWith("HTTP/1.1 413").contains("\"code\":40005");
    }

    @Test
    void oversizedBodyWithExpectContinueGetsTheJson413() throws Exception {
        byte[] head = ("POST /api/v10/auth/register HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
                + "Content-Length: 2000000\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        String answer = exchange(head, 5000);
        assertThat(answer).startsWith("HTTP/1.1 413").contains("\"code\":40005");
    }

    @Test
    void plainHttpGetOnTheGatewayPathIsRefusedNotHung() throws Exception {
        String answer = exchange("GET /gateway HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 5000);
        assertThat(answer).matches("(?s)HTTP/1.1 4\\d\\d .*");
        // and the API still answers afterwards
        String health = exchange("GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII), 5000);
        assertThat(health).startsWith("HTTP/1.1 200");
    }

    @Test
    void keepAliveServesSeveralRequestsOnOneConnection() throws Exception {
        String one = "GET /health HTTP/1.1\r\nHost: x\r\n\r\n";
        String two = "GET /api/v10/nope HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
        String answer = exchange((one + two).getBytes(StandardCharsets.US_ASCII), 5000);
        assertThat(answer).contains("HTTP/1.1 200").contains("{\"status\":\"UP\"}").contains("HTTP/1.1 404");
    }
}
