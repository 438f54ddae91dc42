package dev.guildhall.core.auditlog;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AuditChangesTest {
    @Test
    void onlyRealChangesAreListedWithDiscordsOmissionRules() {
        AuditChanges c = new AuditChanges().change("name", "a", "b").change("color", 5, 5).created("hoist", true)
                .deleted("nick", "old").change("topic", null, null);
        assertThat(c.json().toString()).isEqualTo("[{\"key\":\"name\",\"old_value\":\"a\",\"new_value\":\"b\"},"
                + "{\"key\":\"hoist\",\"new_value\":true},{\"key\":\"nick\",\"old_value\":\"old\"}]");
        assertThat(new AuditChanges().change("x", 1, 1).isEmpty()).isTrue();
    }
}
