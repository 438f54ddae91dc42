package dev.guildhall.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class BrokerClasspathTest {
  @Test
  void brokerClasspathHoldsBrokerJarsOnly() {
    List<String> jars = Arrays.stream(LocalKafka.brokerClasspath().split(":"))
        .map(p -> Path.of(p).getFileName().toString()).toList();
    assertThat(jars).anyMatch(j -> j.startsWith("kafka_2.13-"))
        .anyMatch(j -> j.startsWith("kafka-clients-"))
        .anyMatch(j -> j.startsWith("slf4j-api-"))
        .anyMatch(j -> j.startsWith("log4j-slf4j2-impl-"));
    assertThat(jars).noneMatch(j -> j.startsWith("junit") || j.startsWith("assertj") || j.startsWith("postgresql")
        || j.startsWith("opentest4j") || j.startsWith("byte-buddy") || j.startsWith("testkit"));
  }

  @Test
  void uniqueNamesAreSqlSafe() {
    assertThat(Names.unique("My-Test.Class")).matches("my_test_class_\\d+_[a-z0-9]+");
    assertThat(Names.unique("1abc")).startsWith("t_1abc_");
    assertThat(Names.unique("x")).isNotEqualTo(Names.unique("x"));
  }

  @Test
  void freePortsAreDistinct() {
    assertThat(FreePorts.next()).isNotEqualTo(FreePorts.next());
  }
}
