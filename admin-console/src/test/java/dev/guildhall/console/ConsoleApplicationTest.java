package dev.guildhall.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConsoleApplicationTest {

    @Test
    void configArgumentBecomesAnAdditionalConfigLocation() {
        assertThat(ConsoleApplication.translateConfigArgument(new String[] {"--config", "/etc/console.properties", "x"}))
                .containsExactly("--spring.config.additional-location=file:/etc/console.properties", "x");
        assertThat(ConsoleApplication.translateConfigArgument(new String[] {"--config=a.properties"}))
                .containsExactly("--spring.config.additional-location=file:a.properties");
    }

    @Test
    void configWithoutFileIsAClearError() {
        assertThatThrownBy(() -> ConsoleApplication.translateConfigArgument(new String[] {"--config"}))
                .hasMessageContaining("--config needs a file name");
    }
}
