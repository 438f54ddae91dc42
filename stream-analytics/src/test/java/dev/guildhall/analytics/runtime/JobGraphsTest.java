package dev.guildhall.analytics.runtime;

import dev.guildhall.analytics.AnalyticsJobs;
import dev.guildhall.analytics.config.AnalyticsConfig;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every job's graph as it is submitted: no Kryo fallback anywhere, and the source runs chained with its decoding. */
class JobGraphsTest {

    static List<String> jobs() {
        return AnalyticsJobs.all().stream().map(AnalyticsJob::name).toList();
    }

    /** Not a POJO (no default constructor, private final field): Flink would fall back to Kryo. */
    static final class Opaque {
        private final Object value;

        Opaque(Object value) {
            this.value = value;
        }
    }

    @Test
    void aKryoFallbackFailsTheGraph() {
        AnalyticsConfig config = AnalyticsConfig.from(new Properties(), Map.of());
        StreamExecutionEnvironment env = new StreamExecutionEnvironment(JobSettings.configuration(config, null, null));
        env.fromData(1, 2).map(i -> new Opaque(i), TypeInformation.of(Opaque.class)).print();
        assertThatThrownBy(() -> env.getStreamGraph().getJobGraph()).hasMessageContaining("Generic types have been disabled");
    }

    @ParameterizedTest
    @MethodSource("jobs")
    void buildsWithoutGenericTypesAndChainsTheSourceWithDedupAndDecoding(String name) {
        AnalyticsConfig config = AnalyticsConfig.from(new Properties(), Map.of());
        StreamExecutionEnvironment env = new StreamExecutionEnvironment(JobSettings.configuration(config, null, null));
        AnalyticsJobs.select(name).get(0).build(env, config);

        // generic types are disabled: a type that would need Kryo throws while the graph is built
        JobGraph graph = env.getStreamGraph().getJobGraph();

        JobVertex source = StreamSupport.stream(graph.getVertices().spliterator(), false)
                .filter(v -> v.getName().startsWith("Source: " + name + "-kafka-source")).findFirst().orElseThrow();
        assertThat(source.getName()).contains(name + "-dedup").contains(name + "-decode");
    }
}
