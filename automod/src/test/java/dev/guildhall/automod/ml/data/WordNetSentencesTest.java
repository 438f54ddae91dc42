package dev.guildhall.automod.ml.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WordNetSentencesTest {

    @Test
    void glossLineGivesDefinitionAndQuotedExamples() {
        Set<String> examples = new LinkedHashSet<>();
        Set<String> glosses = new LinkedHashSet<>();
        WordNetSentences.parseGloss("breathe with great difficulty, as when experiencing a strong emotion; "
                + "\"She choked with emotion when she spoke about her deceased husband\"; \"ok\"", examples, glosses);
        assertThat(examples).containsExactly("She choked with emotion when she spoke about her deceased husband");
        assertThat(glosses).containsExactly("breathe with great difficulty, as when experiencing a strong emotion");
    }
}
