package dev.guildhall.core.auditlog;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AuditReasonTest {
    @Test
    void percentAndFormEncodedReasonsAreDecoded() {
        assertThat(AuditReason.parse("spam%20wave")).isEqualTo("spam wave"); // discord.js (encodeURIComponent)
        assertThat(AuditReason.parse("bye+bye")).isEqualTo("bye bye"); // JDA (URLEncoder)
        assertThat(AuditReason.parse("caf%C3%A9%20%E2%9C%93")).isEqualTo("café ✓");
    }

    @Test
    void blankIsNoReasonAndMalformedIsKeptAsSent() {
        assertThat(AuditReason.parse(null)).isNull();
        assertThat(AuditReason.parse("  ")).isNull();
        assertThat(AuditReason.parse("100%")).isEqualTo("100%");
    }

    @Test
    void nullCharactersAreDropped() {
        assertThat(AuditReason.parse("a%00b")).isEqualTo("ab");
        assertThat(AuditReason.parse("%00")).isNull();
    }

    @Test
    void reasonsAreCutAt512Characters() {
        assertThat(AuditReason.parse("é".repeat(600))).hasSize(AuditReason.MAX_LENGTH);
    }
}
