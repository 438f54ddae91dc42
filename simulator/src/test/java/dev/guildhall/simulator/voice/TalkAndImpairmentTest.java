package dev.guildhall.simulator.voice;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class TalkAndImpairmentTest {

    @Test
    void talkSpurtsAlternateWithinTheirBounds() {
        TalkPattern t = new TalkPattern(new Random(3));
        int talking = 0;
        int switches = 0;
        boolean previous = t.nextFrameTalks();
        int run = 1;
        for (int i = 0; i < 50 * 600; i++) { // ten minutes of frames
            boolean now = t.nextFrameTalks();
            if (now) {
                talking++;
            }
            if (now != previous) {
                switches++;
                assertThat(run).as("a run of %s", previous ? "speech" : "silence").isLessThanOrEqualTo(previous ? 300 : 150);
                run = 0;
            }
            run++;
            previous = now;
        }
        assertThat(switches).isGreaterThan(100);
        assertThat(talking / (50.0 * 600)).as("share of speech").isBetween(0.55, 0.85);
    }

    @Test
    void impairmentOnlyActsInItsBadPhase() {
        Impairment imp = new Impairment(new Random(4), 0.5, 80);
        int bad = 0;
        int drops = 0;
        int maxDelay = 0;
        for (long t = 0; t < Impairment.CYCLE_MS; t += 20) {
            if (imp.badPhase(t)) {
                bad++;
                if (imp.drop(t)) {
                    drops++;
                }
                maxDelay = Math.max(maxDelay, imp.delayMs(t));
            } else {
                assertThat(imp.drop(t)).isFalse();
                assertThat(imp.delayMs(t)).isZero();
            }
        }
        assertThat(bad).isEqualTo((int) (Impairment.BAD_MS / 20));
        assertThat(drops).isBetween(bad / 3, 2 * bad / 3);
        assertThat(maxDelay).isBetween(60, 80);
    }
}
