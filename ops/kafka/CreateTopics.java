import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Creates the event contract's Kafka topics that do not exist yet (names from dev.guildhall.events.Topics on the
 * class path; guildhall.voice.health and guildhall.voice.servers compacted) and waits until every partition has a
 * leader. Run by ./guildhall as a single-file program:
 * java -cp "var/kafka/lib/*:events.jar" ops/kafka/CreateTopics.java BOOTSTRAP PARTITIONS
 */
public class CreateTopics {
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: CreateTopics BOOTSTRAP PARTITIONS");
            System.exit(64);
        }
        String bootstrap = args[0];
        int partitions = Integer.parseInt(args[1]);
        Class<?> topicsClass = Class.forName("dev.guildhall.events.Topics");
        @SuppressWarnings("unchecked")
        List<String> all = (List<String>) topicsClass.getField("ALL").get(null);
        Set<String> compacted = Set.of((String) topicsClass.getField("VOICE_HEALTH").get(null),
                (String) topicsClass.getField("VOICE_SERVERS").get(null));

        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        try (Admin admin = Admin.create(p)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (String name : all) {
                if (!existing.contains(name)) {
                    NewTopic t = new NewTopic(name, partitions, (short) 1);
                    if (compacted.contains(name)) {
                        t.configs(Map.of("cleanup.policy", "compact"));
                    }
                    missing.add(t);
                }
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
                System.out.println("created topics: " + missing.stream().map(NewTopic::name).toList());
            }
            long deadline = System.currentTimeMillis() + 30_000;
            while (true) {
                Map<String, TopicDescription> d = admin.describeTopics(all).allTopicNames().get(30, TimeUnit.SECONDS);
                boolean led = d.values().stream().flatMap(t -> t.partitions().stream())
                        .map(TopicPartitionInfo::leader).allMatch(l -> l != null && !l.isEmpty());
                if (led) {
                    System.out.println("topics ready: " + all.size() + " (" + (all.size() - missing.size()) + " existed)");
                    return;
                }
                if (System.currentTimeMillis() > deadline) {
                    System.err.println("partitions without a leader after 30 s");
                    System.exit(1);
                }
                Thread.sleep(200);
            }
        }
    }
}
