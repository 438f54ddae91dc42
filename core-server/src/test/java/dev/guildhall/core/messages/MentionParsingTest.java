package dev.guildhall.core.messages;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guildhall.core.errors.InvalidFormBody;
import dev.guildhall.core.json.Json;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MentionParsingTest {
    private static JsonNode json(String s) throws IOException {
        return Json.parse(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void contentMentionsAreFound() {
        ContentMentions.Scan scan = ContentMentions.scan(
                "<@12> <@!34> <@&56> <@12> <@abc> <@99999999999999999999> `@here`");
        assertThat(scan.users()).containsExactly(12L, 34L);
        assertThat(scan.roles()).containsExactly(56L);
        assertThat(scan.everyone()).isTrue();
        assertThat(ContentMentions.scan("mail me at x@everyone.invalid").everyone()).isTrue();
        assertThat(ContentMentions.scan("plain <#12> text").users()).isEmpty();
    }

    @Test
    void allowedMentionsDefaultsAndLists() throws IOException {
        InvalidFormBody.Builder errors = InvalidFormBody.builder();
        AllowedMentions absent = AllowedMentions.parse(json("{}"), errors);
        assertThat(absent.user(1)).isTrue();
        assertThat(absent.role(1)).isTrue();
        assertThat(absent.parseEveryone()).isTrue();
        assertThat(absent.repliedUser()).isTrue();

        AllowedMentions listed = AllowedMentions.parse(
                json("{\"allowed_mentions\":{\"users\":[\"7\"],\"roles\":[8],\"parse\":[\"everyone\"]}}"), errors);
        errors.throwIfAny();
        assertThat(listed.user(7)).isTrue();
        assertThat(listed.user(9)).isFalse();
        assertThat(listed.roles()).isEqualTo(Set.of(8L));
        assertThat(listed.parseEveryone()).isTrue();
        assertThat(listed.repliedUser()).isFalse();
    }

    @Test
    void parseAndListsAreExclusive() throws IOException {
        InvalidFormBody.Builder errors = InvalidFormBody.builder();
        AllowedMentions.parse(json("{\"allowed_mentions\":{\"parse\":[\"users\"],\"users\":[\"7\"]}}"), errors);
        assertThatThrownBy(errors::throwIfAny).isInstanceOf(InvalidFormBody.class);
    }
}
