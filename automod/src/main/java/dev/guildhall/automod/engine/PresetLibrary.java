package dev.guildhall.automod.engine;

import dev.guildhall.automod.rules.KeywordPresetType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The word sets behind KEYWORD_PRESET rules, read from the classpath
 * ({@code dev/guildhall/automod/presets/*.txt}, derived from npm packages by automod/tools/wordlists/derive.mjs;
 * credited in NOTICE). Every entry is matched as a whole word or phrase.
 */
public final class PresetLibrary {
    private static final PresetLibrary BUNDLED = load();

    private final Map<KeywordPresetType, List<String>> words;

    public PresetLibrary(Map<KeywordPresetType, List<String>> words) {
        this.words = Map.copyOf(words);
    }

    public static PresetLibrary bundled() {
        return BUNDLED;
    }

    public List<String> words(KeywordPresetType type) {
        return words.getOrDefault(type, List.of());
    }

    private static PresetLibrary load() {
        Map<KeywordPresetType, List<String>> map = new EnumMap<>(KeywordPresetType.class);
        for (KeywordPresetType type : KeywordPresetType.values()) {
            String resource = "/dev/guildhall/automod/presets/" + type.name().toLowerCase() + ".txt";
            try (InputStream in = PresetLibrary.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("missing preset word list " + resource);
                }
                List<String> list = new ArrayList<>();
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                for (String line; (line = reader.readLine()) != null; ) {
                    String w = line.strip();
                    if (!w.isEmpty() && !w.startsWith("#")) {
                        list.add(w);
                    }
                }
                map.put(type, List.copyOf(list));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new PresetLibrary(map);
    }
}
