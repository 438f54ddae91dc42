package dev.guildhall.automod.ml.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.guildhall.automod.engine.PresetLibrary;
import dev.guildhall.automod.ml.Labels;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SyntheticCorpusTest {

    @Test
    void everySlotResolvesEveryLabelIsMadeAndTheSeedFixesTheOutput() {
        List<String> sentences = List.of("the assassin was caught", "she mixed a cocktail", "he killed the engine");
        List<LabelledText> a = SyntheticCorpus.build(PresetLibrary.bundled(), sentences, 3000, 3, 5);
        assertThat(a).hasSize(4 * 3000 + 3);
        Map<String, Long> counts = a.stream().collect(Collectors.groupingBy(LabelledText::label, Collectors.counting()));
        assertThat(counts).containsEntry(Labels.SAFE, 3003L).containsEntry(Labels.SPAM, 3000L)
                .containsEntry(Labels.TOXIC, 3000L).containsEntry(Labels.HARASSMENT, 3000L);
        assertThat(a).noneMatch(e -> e.text().contains("{") && e.text().contains("}"));
        assertThat(a.stream().map(LabelledText::text).distinct().count()).isGreaterThan(6000);
        assertThat(SyntheticCorpus.build(PresetLibrary.bundled(), sentences, 3000, 3, 5)).isEqualTo(a);
        assertThat(SyntheticCorpus.build(PresetLibrary.bundled(), sentences, 3000, 3, 6)).isNotEqualTo(a);
    }

    @Test
    void theChatEvaluationSetIsNotInTheTrainingData() throws Exception {
        List<String> chat = LabelledTsv.read(Path.of("eval/chat-eval.tsv")).examples().stream()
                .map(LabelledText::text).toList();
        Set<String> generated = SyntheticCorpus.build(PresetLibrary.bundled(), List.of(), 5000, 0, 20261128L)
                .stream().map(LabelledText::text).collect(Collectors.toSet());
        long overlap = chat.stream().filter(generated::contains).count();
        // short generic messages ("lol", "gg ez") occur in both by nature; nothing longer may
        assertThat(chat.stream().filter(generated::contains).filter(t -> t.length() > 12).toList()).isEmpty();
        assertThat(overlap).isLessThan(chat.size() / 20);
    }
}
