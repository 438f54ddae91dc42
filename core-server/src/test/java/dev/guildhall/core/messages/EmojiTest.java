package dev.guildhall.core.messages;

import dev.guildhall.core.errors.UnknownEmoji;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmojiTest {
    @Test
    void unicodeEmojiSequencesAreAccepted() {
        for (String e : new String[]{"👍", "❤️", "👍🏽", "👩‍👩‍👧", "🇫🇷", "1️⃣", "#⃣", "🏴󠁧󠁢󠁳󠁣󠁴󠁿", "©️", "✅"}) {
            Emoji emoji = Emoji.parse(e);
            assertThat(emoji.id()).as(e).isZero();
            assertThat(emoji.name()).isEqualTo(e);
            assertThat(emoji.key()).isEqualTo(e);
        }
    }

    @Test
    void percentEncodedInputIsDecoded() {
        assertThat(Emoji.parse("%F0%9F%91%8D").name()).isEqualTo("👍");
    }

    @Test
    void customEmojiIsNameColonId() {
        Emoji e = Emoji.parse("blob_wave:112233445566778899");
        assertThat(e.id()).isEqualTo(112233445566778899L);
        assertThat(e.name()).isEqualTo("blob_wave");
        assertThat(e.key()).isEqualTo("112233445566778899");
        assertThat(e.json().get("id").asText()).isEqualTo("112233445566778899");
        assertThat(Emoji.parse("a:party:42").id()).isEqualTo(42L);
        assertThat(Emoji.parse("👍").json().get("id").isNull()).isTrue();
    }

    @Test
    void anythingElseIsUnknownEmoji() {
        for (String bad : new String[]{"", "a", "abc", "1", "👍x", "x:1", "name:0", "name:abc", "bad name:1",
                "name:99999999999999999999999", "%ZZ"}) {
            assertThatThrownBy(() -> Emoji.parse(bad)).as(bad).isInstanceOf(UnknownEmoji.class);
        }
        assertThatThrownBy(() -> Emoji.parse(null)).isInstanceOf(UnknownEmoji.class);
    }
}
