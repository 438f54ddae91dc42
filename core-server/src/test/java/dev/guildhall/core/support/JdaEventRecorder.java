package dev.guildhall.core.support;

import net.dv8tion.jda.api.events.GenericEvent;
import net.dv8tion.jda.api.hooks.EventListener;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Records every event an unmodified JDA fires, so a test can wait for the one it expects. */
public final class JdaEventRecorder implements EventListener {
    private final BlockingQueue<GenericEvent> events = new LinkedBlockingQueue<>();
    private final Duration wait;

    public JdaEventRecorder(Duration wait) {
        this.wait = wait;
    }

    @Override
    public void onEvent(GenericEvent event) {
        events.add(event);
    }

    /** The next recorded event of the type that matches (earlier non-matching events are dropped). */
    public <T extends GenericEvent> T await(Class<T> type, Predicate<T> match) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            GenericEvent e = events.poll(100, TimeUnit.MILLISECONDS);
            if (type.isInstance(e) && match.test(type.cast(e))) {
                return type.cast(e);
            }
        }
        throw new AssertionError("JDA did not fire " + type.getSimpleName() + " within " + wait);
    }
}
