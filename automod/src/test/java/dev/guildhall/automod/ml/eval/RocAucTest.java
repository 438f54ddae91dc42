package dev.guildhall.automod.ml.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class RocAucTest {

    /** The definition: over all (positive, negative) pairs, 1 if the positive scores higher, 1/2 on a tie. */
    static double bruteForce(double[] s, boolean[] p) {
        double wins = 0;
        long pairs = 0;
        for (int i = 0; i < s.length; i++) {
            for (int j = 0; j < s.length; j++) {
                if (p[i] && !p[j]) {
                    pairs++;
                    wins += s[i] > s[j] ? 1 : s[i] == s[j] ? 0.5 : 0;
                }
            }
        }
        return pairs == 0 ? Double.NaN : wins / pairs;
    }

    private static final Random RANDOM = new Random(42);

    @RepeatedTest(200)
    void equalsThePairwiseDefinitionWithTies() {
        int n = 1 + RANDOM.nextInt(60);
        double[] s = new double[n];
        boolean[] p = new boolean[n];
        for (int i = 0; i < n; i++) {
            s[i] = RANDOM.nextInt(8) / 8.0; // coarse scores force many ties
            p[i] = RANDOM.nextBoolean();
        }
        double expected = bruteForce(s, p);
        double actual = RocAuc.of(s, p);
        if (Double.isNaN(expected)) {
            assertThat(actual).isNaN();
        } else {
            assertThat(actual).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-12));
        }
    }

    @Test
    void perfectReversedAndConstantScores() {
        boolean[] p = {false, false, true, true};
        assertThat(RocAuc.of(new double[] {0.1, 0.2, 0.8, 0.9}, p)).isEqualTo(1.0);
        assertThat(RocAuc.of(new double[] {0.9, 0.8, 0.2, 0.1}, p)).isEqualTo(0.0);
        assertThat(RocAuc.of(new double[] {0.5, 0.5, 0.5, 0.5}, p)).isEqualTo(0.5);
        assertThat(RocAuc.of(new double[] {0.5, 0.6}, new boolean[] {true, true})).isNaN();
    }
}
