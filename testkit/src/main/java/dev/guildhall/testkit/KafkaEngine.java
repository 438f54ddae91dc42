package dev.guildhall.testkit;

/** A single-node Kafka (KRaft) broker in its own JVM, shared by all tests of this JVM (see {@link Engines#kafka()}). */
public interface KafkaEngine {
  /** host:port for clients. */
  String bootstrapServers();

  /** Creates a topic (idempotent: an existing topic is kept as is), waits until it has leaders, returns its name. */
  String createTopic(String name, int partitions);

  /** The broker JVM's process id. */
  long pid();
}
