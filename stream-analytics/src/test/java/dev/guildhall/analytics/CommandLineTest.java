package dev.guildhall.analytics;

import dev.guildhall.analytics.runtime.AnalyticsJob;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandLineTest {
    @Test
    void parsesConfigAndJobs() {
        CommandLine cli = CommandLine.parse(new String[]{"--config", "a.properties", "--jobs", "engagement"});
        assertThat(cli.configFile()).isEqualTo(Path.of("a.properties"));
        assertThat(AnalyticsJobs.select(cli.jobs())).extracting(AnalyticsJob::name).containsExactly("engagement");
        assertThat(AnalyticsJobs.select(CommandLine.parse(new String[0], Map.of()).jobs())).extracting(AnalyticsJob::name)
                .containsExactly("engagement", "voice-quality", "alerts", "members", "moderation", "voice-minutes", "automod-verdicts");
    }

    @Test
    void jobsFromTheEnvironmentUnlessGivenOnTheCommandLine() {
        Map<String, String> env = Map.of("GUILDHALL_ANALYTICS_JOBS", "engagement,members");
        assertThat(AnalyticsJobs.select(CommandLine.parse(new String[0], env).jobs())).extracting(AnalyticsJob::name)
                .containsExactly("engagement", "members");
        assertThat(CommandLine.parse(new String[]{"--jobs", "moderation"}, env).jobs()).isEqualTo("moderation");
        assertThat(CommandLine.parse(new String[0], Map.of("GUILDHALL_ANALYTICS_JOBS", " ")).jobs()).isEqualTo("all");
    }

    @Test
    void badArgumentsAreClearErrors() {
        assertThatThrownBy(() -> CommandLine.parse(new String[]{"--nope"}))
                .hasMessageContaining("unknown argument '--nope'").hasMessageContaining("usage");
        assertThatThrownBy(() -> CommandLine.parse(new String[]{"--config"})).hasMessage("--config needs a value");
        assertThatThrownBy(() -> AnalyticsJobs.select("engagement,sentiment"))
                .hasMessageContaining("unknown job 'sentiment'").hasMessageContaining("voice-quality");
    }
}
