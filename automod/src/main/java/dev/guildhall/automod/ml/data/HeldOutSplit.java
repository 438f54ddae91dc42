package dev.guildhall.automod.ml.data;

import dev.guildhall.automod.ml.model.Hashing;
import java.nio.charset.StandardCharsets;

/**
 * The held-out split: {@value #PERCENT}% of examples, chosen by a hash of the seed and a key (a file name, or the
 * text), so the split does not depend on file order and an example stays on its side when others are added.
 */
public final class HeldOutSplit {
    public static final int PERCENT = 20;

    private HeldOutSplit() {
    }

    public static boolean heldOut(String key, long seed) {
        byte[] d = Hashing.sha256().digest((seed + ":" + key).getBytes(StandardCharsets.UTF_8));
        return ((d[0] & 0xff) << 8 | (d[1] & 0xff)) % 100 < PERCENT;
    }
}
