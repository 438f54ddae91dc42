package dev.guildhall.simulator.voice;

import java.util.Random;

/**
 * Talk spurts: a speaker talks for 1..6 s, then is silent for 0.5..3 s, frame by frame (20 ms frames).
 */
public final class TalkPattern {
    private final Random random;
    private int framesLeft;
    private boolean talking;

    public TalkPattern(Random random) {
        this.random = random;
        this.talking = random.nextBoolean();
        this.framesLeft = nextLength();
    }

    /** Advances one frame; true when this frame carries speech. */
    public boolean nextFrameTalks() {
        if (framesLeft <= 0) {
            talking = !talking;
            framesLeft = nextLength();
        }
        framesLeft--;
        return talking;
    }

    private int nextLength() {
        return talking ? 50 + random.nextInt(251) : 25 + random.nextInt(126);
    }
}
