package dev.guildhall.core.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A Node.js bot project under {@code src/test/node/<name>} run as a child process: {@link #install} copies it into
 * {@code target/<name>} and runs {@code npm ci} there (skipped when the installed lock file is unchanged, so a
 * second run needs no network); {@link #start} runs {@code node bot.js} with the given environment and collects the
 * JSON lines it prints. {@link #close} kills the process and its descendants.
 */
public final class NodeBot implements AutoCloseable {
    private static final Duration NPM_TIMEOUT = Duration.ofMinutes(5);
    private static final String INSTALLED_MARK = "node_modules/.guildhall-lock-sha256";

    private final Process process;
    private final List<JsonNode> lines = new ArrayList<>();
    private final List<String> output = new ArrayList<>();
    private volatile boolean stdoutClosed;

    private NodeBot(Process process) {
        this.process = process;
        Thread reader = new Thread(this::read, "node-bot-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /** Copies the project into target/ and installs its locked dependencies; returns the installed directory. */
    public static Path install(String name) throws IOException, InterruptedException {
        Path source = Path.of("src/test/node", name);
        Path target = Path.of("target", name);
        Files.createDirectories(target);
        try (var files = Files.list(source)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(f)) {
                    Files.copy(f, target.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        String lockSha = sha256(target.resolve("package-lock.json"));
        Path mark = target.resolve(INSTALLED_MARK);
        if (Files.exists(mark) && Files.readString(mark).equals(lockSha)) {
            return target;
        }
        Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--prefer-offline")
                .directory(target.toFile())
                .redirectErrorStream(true)
                .redirectOutput(target.resolve("npm-ci.log").toFile())
                .start();
        if (!npm.waitFor(NPM_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            kill(npm);
            throw new AssertionError("npm ci did not finish within " + NPM_TIMEOUT + "; see " + target + "/npm-ci.log");
        }
        if (npm.exitValue() != 0) {
            throw new AssertionError("npm ci failed (" + npm.exitValue() + "):\n"
                    + Files.readString(target.resolve("npm-ci.log")));
        }
        Files.writeString(mark, lockSha);
        return target;
    }

    /** Starts {@code node <script>} in the installed directory; stderr goes to {@code <script>.stderr.log}. */
    public static NodeBot start(Path dir, String script, Map<String, String> env) throws IOException {
        return start(dir, script, script + ".stderr.log", env);
    }

    /** Starts {@code node <script>} in the installed directory; stderr goes to the file {@code stderrLog} there. */
    public static NodeBot start(Path dir, String script, String stderrLog, Map<String, String> env)
            throws IOException {
        ProcessBuilder pb = new ProcessBuilder("node", script)
                .directory(dir.toFile())
                .redirectError(dir.resolve(stderrLog).toFile());
        pb.environment().putAll(env);
        return new NodeBot(pb.start());
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                synchronized (output) {
                    output.add(line);
                }
                try {
                    JsonNode json = ApiClient.JSON.readTree(line);
                    synchronized (lines) {
                        lines.add(json);
                    }
                } catch (IOException notJson) {
                    // a stray log line of a dependency; kept in output() only
                }
            }
        } catch (IOException e) {
            // the process went away
        } finally {
            stdoutClosed = true;
        }
    }

    /**
     * A line with {@code "event": event} that matches, printed at any time so far or until the timeout (lines are
     * not consumed, so gateway events that race REST answers can be awaited in any order); fails on an
     * {@code error} line, when the process exits first or after the timeout.
     */
    public JsonNode await(String event, Predicate<JsonNode> match, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            boolean exited = stdoutClosed; // every line is in `lines` once stdout is closed
            synchronized (lines) {
                for (JsonNode line : lines) {
                    if ("error".equals(line.path("event").asText())) {
                        throw new AssertionError("the bot reported an error: " + line + "\noutput:\n" + output());
                    }
                    if (event.equals(line.path("event").asText()) && match.test(line)) {
                        return line;
                    }
                }
            }
            if (exited) {
                throw new AssertionError("the bot closed its output (exited) without a matching " + event
                        + " line; output:\n" + output());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the bot printed no matching " + event + " line within " + timeout
                        + "; output:\n" + output());
            }
            Thread.sleep(50);
        }
    }

    public JsonNode await(String event, Duration timeout) throws InterruptedException {
        return await(event, l -> true, timeout);
    }

    /** Waits for the process to exit by itself; false on timeout. */
    public boolean awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public int exitValue() {
        return process.exitValue();
    }

    public String output() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    @Override
    public void close() {
        kill(process);
    }

    private static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256", e);
        }
    }
}
