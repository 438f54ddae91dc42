package dev.guildhall.console.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormErrorsTest {

    @Test
    void nestedDiscordErrorsBecomeDottedPaths() throws Exception {
        String body = """
                {"name":{"_errors":[{"code":"BASE_TYPE_REQUIRED","message":"This field is required"}]},
                 "trigger_metadata":{"keyword_filter":{"3":{"_errors":[{"code":"BASE_TYPE_BAD_LENGTH",
                   "message":"Must be between 1 and 60 in length."}]}},
                   "regex_patterns":{"0":{"_errors":[{"code":"AUTO_MODERATION_INVALID_REGEX","message":""}]}}},
                 "actions":{"1":{"metadata":{"channel_id":{"_errors":[{"code":"CHANNEL_NOT_FOUND",
                   "message":"Unknown channel"}]}}}},
                 "_errors":[{"code":"X","message":"whole body"}]}""";
        Map<String, List<String>> flat = FormErrors.flatten(new ObjectMapper().readTree(body));
        assertThat(flat).containsEntry("name", List.of("This field is required"))
                .containsEntry("trigger_metadata.keyword_filter.3", List.of("Must be between 1 and 60 in length."))
                .containsEntry("trigger_metadata.regex_patterns.0", List.of("AUTO_MODERATION_INVALID_REGEX"))
                .containsEntry("actions.1.metadata.channel_id", List.of("Unknown channel"))
                .containsEntry("", List.of("whole body"));
        assertThat(FormErrors.flatten(null)).isEmpty();
        assertThat(FormErrors.flatten(new ObjectMapper().readTree("[]"))).isEmpty();
    }
}
