package dev.guildhall.automod.ml.data;

import dev.guildhall.automod.ml.model.Hashing;
import dev.guildhall.automod.ml.model.ModelManifest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

/** A named list of examples with its fingerprint (recorded in model manifests). */
public record Dataset(String name, List<LabelledText> examples) {

    /** SHA-256 over label, tab, text, newline of every example in order. */
    public String sha256() {
        MessageDigest d = Hashing.sha256();
        for (LabelledText e : examples) {
            d.update((e.label() + "\t" + e.text() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(d.digest());
    }

    public ModelManifest.DataSource describe() {
        return new ModelManifest.DataSource(name, sha256(), examples.size());
    }
}
