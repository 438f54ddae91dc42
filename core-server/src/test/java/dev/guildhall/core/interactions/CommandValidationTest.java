package dev.guildhall.core.interactions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.core.errors.InvalidFormBody;
import dev.guildhall.core.json.Json;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class CommandValidationTest {
    private static JsonNode json(String text) {
        try {
            return Json.parse(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The errors object of validating the body ("{}" when valid). */
    private static String errors(String body) {
        InvalidFormBody.Builder errors = InvalidFormBody.builder();
        CommandValidation.validate(json(body), "", errors);
        return errors.isEmpty() ? "{}" : errors.build().errors().toString();
    }

    private static ObjectNode valid(String body) {
        InvalidFormBody.Builder errors = InvalidFormBody.builder();
        CommandValidation.CommandSpec spec = CommandValidation.validate(json(body), "", errors);
        assertThat(errors.isEmpty()).as(body).isTrue();
        return spec.body();
    }

    @Test
    void chatInputNamesFollowDiscordsRegexAndAreLowerCase() {
        assertThat(errors("{\"name\":\"roll-dice_2\",\"description\":\"d\"}")).isEqualTo("{}");
        assertThat(errors("{\"name\":\"don't\",\"description\":\"d\"}")).isEqualTo("{}");
        assertThat(errors("{\"name\":\"नमस्ते\",\"description\":\"d\"}")).isEqualTo("{}");
        assertThat(errors("{\"name\":\"สวัสดี\",\"description\":\"d\"}")).isEqualTo("{}");
        assertThat(errors("{\"name\":\"日本\",\"description\":\"d\"}")).isEqualTo("{}");
        assertThat(errors("{\"name\":\"Roll\",\"description\":\"d\"}")).contains("APPLICATION_COMMAND_INVALID_NAME");
        assertThat(errors("{\"name\":\"two words\",\"description\":\"d\"}")).contains("APPLICATION_COMMAND_INVALID_NAME");
        assertThat(errors("{\"name\":\"" + "a".repeat(33) + "\",\"description\":\"d\"}")).contains("BASE_TYPE_BAD_LENGTH");
        assertThat(errors("{\"description\":\"d\"}")).contains("\"name\"", "BASE_TYPE_REQUIRED");
    }

    @Test
    void userAndMessageCommandsMayUseSpacesAndCaseButNoDescriptionOrOptions() {
        assertThat(errors("{\"type\":2,\"name\":\"High Five\"}")).isEqualTo("{}");
        assertThat(valid("{\"type\":3,\"name\":\"Report Message\"}").path("description").asText()).isEmpty();
        assertThat(errors("{\"type\":2,\"name\":\"x\",\"description\":\"no\"}")).contains("description");
        assertThat(errors("{\"type\":2,\"name\":\"x\",\"options\":[{\"type\":3,\"name\":\"a\",\"description\":\"a\"}]}"))
                .contains("APPLICATION_COMMAND_OPTIONS_TYPE_INVALID");
        assertThat(errors("{\"type\":4,\"name\":\"launch\"}")).contains("\"type\"", "BASE_TYPE_CHOICES");
        assertThat(errors("{\"name\":\"x\"}")).contains("description");
        assertThat(errors("{\"name\":\"x\",\"description\":\"" + "d".repeat(101) + "\"}")).contains("BASE_TYPE_BAD_LENGTH");
    }

    @Test
    void optionsNestAsDiscordAllows() {
        assertThat(errors("{\"name\":\"perm\",\"description\":\"d\",\"options\":[{\"type\":2,\"name\":\"user\","
                + "\"description\":\"g\",\"options\":[{\"type\":1,\"name\":\"get\",\"description\":\"s\","
                + "\"options\":[{\"type\":6,\"name\":\"who\",\"description\":\"w\",\"required\":true}]}]}]}"))
                .isEqualTo("{}");
        // a group holds sub-commands only; a sub-command no sub-commands
        assertThat(errors("{\"name\":\"g\",\"description\":\"d\",\"options\":[{\"type\":2,\"name\":\"grp\","
                + "\"description\":\"g\",\"options\":[{\"type\":3,\"name\":\"s\",\"description\":\"s\"}]}]}"))
                .contains("\"options\":{\"0\":{\"options\":{\"0\":{\"type\"", "APPLICATION_COMMAND_OPTIONS_TYPE_INVALID");
        assertThat(errors("{\"name\":\"g\",\"description\":\"d\",\"options\":[{\"type\":1,\"name\":\"sub\","
                + "\"description\":\"g\",\"options\":[{\"type\":1,\"name\":\"s\",\"description\":\"s\"}]}]}"))
                .contains("APPLICATION_COMMAND_OPTIONS_TYPE_INVALID");
        assertThat(errors("{\"name\":\"g\",\"description\":\"d\",\"options\":[{\"type\":2,\"name\":\"grp\","
                + "\"description\":\"g\"}]}")).contains("BASE_TYPE_REQUIRED");
        // unique names, at most 25
        assertThat(errors("{\"name\":\"u\",\"description\":\"d\",\"options\":[{\"type\":3,\"name\":\"a\","
                + "\"description\":\"a\"},{\"type\":4,\"name\":\"a\",\"description\":\"a\"}]}"))
                .contains("APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS");
        StringBuilder many = new StringBuilder("{\"name\":\"m\",\"description\":\"d\",\"options\":[");
        for (int i = 0; i < 26; i++) {
            many.append(i == 0 ? "" : ",").append("{\"type\":3,\"name\":\"o").append(i).append("\",\"description\":\"o\"}");
        }
        assertThat(errors(many.append("]}").toString())).contains("BASE_TYPE_MAX_LENGTH");
    }

    @Test
    void choicesBoundsAndAutocompleteAreChecked() {
        assertThat(errors("{\"name\":\"c\",\"description\":\"d\",\"options\":[{\"type\":4,\"name\":\"n\","
                + "\"description\":\"n\",\"choices\":[{\"name\":\"one\",\"value\":1}],\"min_value\":0}]}"))
                .isEqualTo("{}");
        assertThat(errors("{\"name\":\"c\",\"description\":\"d\",\"options\":[{\"type\":4,\"name\":\"n\","
                + "\"description\":\"n\",\"choices\":[{\"name\":\"one\",\"value\":\"1\"}]}]}"))
                .contains("APPLICATION_COMMAND_OPTION_CHOICE_VALUE_INVALID");
        assertThat(errors("{\"name\":\"c\",\"description\":\"d\",\"options\":[{\"type\":5,\"name\":\"b\","
                + "\"description\":\"b\",\"choices\":[{\"name\":\"t\",\"value\":true}]}]}"))
                .contains("APPLICATION_COMMAND_OPTIONS_CHOICES_INVALID");
        assertThat(errors("{\"name\":\"c\",\"description\":\"d\",\"options\":[{\"type\":3,\"name\":\"s\","
                + "\"description\":\"s\",\"autocomplete\":true,\"choices\":[{\"name\":\"a\",\"value\":\"a\"}]}]}"))
                .contains("APPLICATION_COMMAND_OPTIONS_AUTOCOMPLETE_INVALID");
        assertThat(errors("{\"name\":\"c\",\"description\":\"d\",\"options\":[{\"type\":3,\"name\":\"s\","
                + "\"description\":\"s\",\"max_length\":6001}]}")).contains("max_length");
    }

    @Test
    void jdaShapedFieldsAreNormalized() {
        ObjectNode body = valid("{\"type\":1,\"name\":\"jda\",\"description\":\"d\",\"nsfw\":false,\"options\":[],"
                + "\"contexts\":[\"0\",\"1\",\"2\"],\"integration_types\":[\"0\",\"1\"],"
                + "\"default_member_permissions\":\"8\",\"name_localizations\":{},\"description_localizations\":{}}");
        assertThat(body.get("contexts").toString()).isEqualTo("[0,1,2]");
        assertThat(body.get("integration_types").toString()).isEqualTo("[0,1]");
        assertThat(body.get("default_member_permissions").asText()).isEqualTo("8");
        ObjectNode defaults = valid("{\"name\":\"plain\",\"description\":\"d\",\"default_member_permissions\":null}");
        assertThat(defaults.get("default_member_permissions").isNull()).isTrue();
        assertThat(defaults.get("integration_types").toString()).isEqualTo("[0]");
        assertThat(defaults.get("contexts").isNull()).isTrue();
        assertThat(errors("{\"name\":\"x\",\"description\":\"d\",\"contexts\":[3]}")).contains("contexts");
        assertThat(errors("{\"name\":\"x\",\"description\":\"d\",\"default_member_permissions\":\"admin\"}"))
                .contains("NUMBER_TYPE_COERCE");
    }

    @Test
    void aPatchReplacesTheGivenFieldsAndKeepsTheType() {
        ObjectNode stored = valid("{\"type\":2,\"name\":\"Wave\"}");
        InvalidFormBody.Builder errors = InvalidFormBody.builder();
        CommandValidation.CommandSpec spec = CommandValidation.merge(stored, json("{\"type\":1,\"name\":\"Wave Hi\"}"),
                errors);
        assertThat(errors.isEmpty()).isTrue();
        assertThat(spec.type()).isEqualTo(2);
        assertThat(spec.name()).isEqualTo("Wave Hi");
    }
}
