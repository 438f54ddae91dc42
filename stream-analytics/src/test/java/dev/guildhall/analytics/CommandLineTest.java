package dev.guildhall.analytics;

import dev.guildhall.analytics.runtime.AnalyticsJob;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandLineTest {
    @Test
    void parsesConfigAndJobs() {
        CommandLine cli = CommandLine.parse(new String[]{"--config", "a.properties", "--jobs", "engagement"});
        assertThat(cli.configFile()).isEqualTo(Path.of("a.properties"));
        assertThat(AnalyticsJobs.select(cli.jobs())).extracting(AnalyticsJob::name).containsExactly("engagement");
        assertThat(AnalyticsJobs.select(CommandLine.parse(new String[0]).jobs())).extracting(AnalyticsJob::name)
                .containsExactly("engagement", "voice-quality", "alerts", "members", "moderation", "voice-minutes");
    }

    @Test
    void badArgumentsAreClearErrors() {
        assertThatThrownBy(() -> CommandLine.parse(new String[]{"--nope"}))
                .hasMessageContaining("unknown argument '--nope'").hasMessageContaining("usage");
        assertThatThrownBy(() -> CommandLine.parse(new String[]{"--config"})).hasMessage("--config needs a value");
        assertThatThrownBy(() -> AnalyticsJobs.select("engagement,automod-verdicts"))
                .hasMessageContaining("unknown job 'automod-verdicts'").hasMessageContaining("voice-quality");
    }
}
