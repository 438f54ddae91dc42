package dev.guildhall.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guildhall.core.errors.InvalidFormBody;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValidationTest {
    private static JsonNode errors(InvalidFormBody.Builder b) {
        return b.build().errors();
    }

    @Test
    void snowflakesAreUnsignedDecimalsWithin64Bits() {
        assertThat(Validation.parseSnowflake("1")).isEqualTo(1);
        assertThat(Validation.parseSnowflake("+7")).isEqualTo(7);
        assertThat(Validation.parseSnowflake("1576109480255553536")).isEqualTo(1576109480255553536L);
        assertThat(Validation.parseSnowflake("0")).isZero();
        // a snowflake by form that no entity here can have (beyond a signed long) reads as 0
        assertThat(Validation.parseSnowflake("18446744073709551615")).isZero();
        for (String bad : new String[]{null, "", "-1", "abc", "1.5", " 1", "1e3", "0x10", "18446744073709551616",
                "١٢٣"}) {
            assertThat(Validation.parseSnowflake(bad)).as(bad).isEqualTo(-1);
        }
    }

    @Test
    void querySnowflakeRecordsNumberTypeCoerce() {
        InvalidFormBody.Builder b = InvalidFormBody.builder();
        assertThat(Validation.querySnowflake(null, "before", b)).isZero();
        assertThat(Validation.querySnowflake("", "before", b)).isZero();
        assertThat(Validation.querySnowflake("42", "before", b)).isEqualTo(42);
        assertThat(b.isEmpty()).isTrue();
        assertThat(Validation.querySnowflake("x", "after", b)).isZero();
        assertThat(errors(b).at("/after/_errors/0/code").asText()).isEqualTo("NUMBER_TYPE_COERCE");
        assertThat(errors(b).at("/after/_errors/0/message").asText()).isEqualTo("Value \"x\" is not snowflake.");
    }

    @Test
    void queryIntChecksFormThenRange() {
        InvalidFormBody.Builder ok = InvalidFormBody.builder();
        assertThat(Validation.queryInt(null, "limit", 1, 100, 50, ok)).isEqualTo(50);
        assertThat(Validation.queryInt("", "limit", 1, 100, 50, ok)).isEqualTo(50);
        assertThat(Validation.queryInt("1", "limit", 1, 100, 50, ok)).isEqualTo(1);
        assertThat(Validation.queryInt("+100", "limit", 1, 100, 50, ok)).isEqualTo(100);
        assertThat(ok.isEmpty()).isTrue();

        assertError("0", "NUMBER_TYPE_MIN", "int value should be greater than or equal to 1.");
        assertError("-99999999999999999999", "NUMBER_TYPE_MIN", "int value should be greater than or equal to 1.");
        assertError("101", "NUMBER_TYPE_MAX", "int value should be less than or equal to 100.");
        assertError("99999999999999999999", "NUMBER_TYPE_MAX", "int value should be less than or equal to 100.");
        assertError("abc", "NUMBER_TYPE_COERCE", "Value \"abc\" is not int.");
        assertError("1.5", "NUMBER_TYPE_COERCE", "Value \"1.5\" is not int.");
        assertError(" 5", "NUMBER_TYPE_COERCE", "Value \" 5\" is not int.");
    }

    private static void assertError(String raw, String code, String message) {
        InvalidFormBody.Builder b = InvalidFormBody.builder();
        assertThat(Validation.queryInt(raw, "limit", 1, 100, 50, b)).as(raw).isEqualTo(50);
        assertThat(errors(b).at("/limit/_errors/0/code").asText()).as(raw).isEqualTo(code);
        assertThat(errors(b).at("/limit/_errors/0/message").asText()).as(raw).isEqualTo(message);
    }

    @Test
    void stringsWithANullCharacterAreNotStorable() throws IOException {
        InvalidFormBody.Builder b = InvalidFormBody.builder();
        JsonNode body = Json.parse("{\"name\":\"a\\u0000b\",\"ok\":\"fine\"}".getBytes());
        assertThat(Validation.requiredString(body, "name", b)).isNull();
        assertThat(Validation.optionalString(body, "ok", b)).isEqualTo("fine");
        assertThat(errors(b).at("/name/_errors/0/code").asText()).isEqualTo("STRING_TYPE_NULL_CHARACTER");
        assertThat(errors(b).has("ok")).isFalse();
    }

    @Test
    void parseIsStrictUtf8AndOneValue() {
        assertThatThrownBy(() -> Json.parse(new byte[]{'"', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '"'}))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> Json.parse(new byte[]{'"', (byte) 0xc0, (byte) 0x80, '"'}))
                .isInstanceOf(IOException.class);
        // UTF-16 is not guessed from zero bytes
        assertThatThrownBy(() -> Json.parse(new byte[]{0, '{', 0, '}'})).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> Json.parse("{} {}".getBytes())).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> Json.parse(("[".repeat(65) + "]".repeat(65)).getBytes()))
                .isInstanceOf(IOException.class);
    }
}
