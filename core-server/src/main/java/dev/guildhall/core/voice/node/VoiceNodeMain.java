package dev.guildhall.core.voice.node;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Voice node entry point: {@code VoiceNodeMain [--config FILE]} (environment overrides the file, see
 * docs/runtime-contract.md, "Voice nodes"). Exit 2 on bad configuration, 1 if it cannot start; stops gracefully on
 * SIGTERM (a last "stopping" heartbeat moves its connections at once).
 */
public final class VoiceNodeMain {
    private static final Logger LOG = LoggerFactory.getLogger(VoiceNodeMain.class);

    private VoiceNodeMain() {
    }

    public static void main(String[] args) {
        Path file = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                file = Path.of(args[++i]);
            } else if (args[i].startsWith("--config=")) {
                file = Path.of(args[i].substring("--config=".length()));
            } else {
                System.err.println("usage: VoiceNodeMain [--config FILE]");
                System.exit(2);
            }
        }
        VoiceNodeConfig config;
        try {
            config = VoiceNodeConfig.load(file, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        VoiceNode node;
        try {
            node = VoiceNode.start(config);
        } catch (Exception e) {
            LOG.error("event=voice_node_start_failed error={}", e.toString(), e);
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            node.close();
            stopped.countDown();
        }, "voice-node-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
