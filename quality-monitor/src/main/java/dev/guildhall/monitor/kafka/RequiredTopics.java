package dev.guildhall.monitor.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Makes sure the topics the monitor reads and writes exist before Kafka Streams starts (a missing source topic
 * would stop the Streams client). Missing topics are created with the broker's default partitions and replication,
 * exactly as auto-creation by a producer would; existing topics are left alone.
 */
public final class RequiredTopics {
    private static final Logger log = LoggerFactory.getLogger(RequiredTopics.class);

    private RequiredTopics() {
    }

    /** Retries until the broker answers or {@code timeout} passes; then throws with the last error. */
    public static void ensure(String bootstrap, Collection<String> topics, Duration timeout) throws InterruptedException {
        ensure(bootstrap, topics, Map.of(), timeout);
    }

    /** As {@link #ensure}, creating missing topics with {@code cleanup.policy=compact} (latest value per key). */
    public static void ensureCompacted(String bootstrap, Collection<String> topics, Duration timeout)
            throws InterruptedException {
        ensure(bootstrap, topics, Map.of("cleanup.policy", "compact"), timeout);
    }

    private static void ensure(String bootstrap, Collection<String> topics, Map<String, String> configs,
                               Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000))) {
            while (System.nanoTime() < deadline) {
                try {
                    Set<String> existing = admin.listTopics().names().get(10, TimeUnit.SECONDS);
                    List<NewTopic> missing = topics.stream().filter(t -> !existing.contains(t))
                            .map(t -> new NewTopic(t, Optional.empty(), Optional.empty()).configs(configs)).toList();
                    if (!missing.isEmpty()) {
                        for (var entry : admin.createTopics(missing).values().entrySet()) {
                            try {
                                entry.getValue().get(10, TimeUnit.SECONDS);
                                log.info("created topic {}", entry.getKey());
                            } catch (ExecutionException e) {
                                if (!(e.getCause() instanceof TopicExistsException)) {
                                    throw e;
                                }
                            }
                        }
                    }
                    return;
                } catch (ExecutionException | TimeoutException e) {
                    last = e;
                    log.warn("kafka not ready for topic check bootstrap={} error={}", bootstrap, String.valueOf(
                            e.getCause() != null ? e.getCause() : e));
                    Thread.sleep(1000);
                }
            }
        }
        throw new IllegalStateException("could not check/create topics " + topics + " on " + bootstrap + " within "
                + timeout + ": " + last, last);
    }
}
