package dev.guildhall.core.gateway;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The VIEW_CHANNEL cache's versioning, with a fake source (pure logic). */
class ChannelVisibilityTest {
    private static final long GUILD = 1;
    private static final long CHANNEL = 10;
    private static final long USER = 100;

    @Test
    void answersFromTheCacheUntilTheGuildIsInvalidated() {
        AtomicBoolean allowed = new AtomicBoolean(true);
        AtomicInteger reads = new AtomicInteger();
        ChannelVisibility v = new ChannelVisibility((ch, u) -> {
            reads.incrementAndGet();
            return allowed.get();
        });
        for (int i = 0; i < 1000; i++) {
            assertThat(v.canView(GUILD, CHANNEL, USER)).isTrue();
        }
        assertThat(reads).hasValue(1);

        allowed.set(false);
        v.invalidate(2); // another guild: no effect
        assertThat(v.canView(GUILD, CHANNEL, USER)).isTrue();
        v.observe(GUILD, Dispatch.guildWide("MESSAGE_CREATE", null, 0)); // not permission-affecting
        assertThat(v.canView(GUILD, CHANNEL, USER)).isTrue();
        v.observe(GUILD, Dispatch.guildWide("GUILD_ROLE_UPDATE", JsonNodeFactory.instance.objectNode(), 0));
        assertThat(v.canView(GUILD, CHANNEL, USER)).isFalse();
        assertThat(reads).hasValue(2);
    }

    @Test
    void aReadThatRacedAnInvalidationIsNotCached() throws Exception {
        AtomicBoolean allowed = new AtomicBoolean(true);
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch invalidated = new CountDownLatch(1);
        AtomicBoolean block = new AtomicBoolean(true);
        ChannelVisibility v = new ChannelVisibility((ch, u) -> {
            boolean answer = allowed.get(); // read before the deny commits
            if (block.getAndSet(false)) {
                reading.countDown();
                await(invalidated);
            }
            return answer;
        });
        Thread t = new Thread(() -> v.canView(GUILD, CHANNEL, USER));
        t.start();
        assertThat(reading.await(5, TimeUnit.SECONDS)).isTrue();
        allowed.set(false); // the deny commits, then its dispatch passes the bus
        v.invalidate(GUILD);
        invalidated.countDown();
        t.join(5000);
        assertThat(v.canView(GUILD, CHANNEL, USER)).as("the stale true was not stored").isFalse();
    }

    @Test
    void whileAPermissionChangeIsOpenAnswersComeFromTheSourceAndAreNotKept() {
        AtomicBoolean allowed = new AtomicBoolean(true);
        AtomicInteger reads = new AtomicInteger();
        ChannelVisibility v = new ChannelVisibility((ch, u) -> {
            reads.incrementAndGet();
            return allowed.get();
        }, 1000, Duration.ofMinutes(1));
        assertThat(v.canView(GUILD, CHANNEL, USER)).isTrue();
        try (ChannelVisibility.PermissionChange change = v.permissionChange(GUILD)) {
            assertThat(v.canView(GUILD, CHANNEL, USER)).isTrue();
            allowed.set(false); // committed inside the change: the very next check sees it
            assertThat(v.canView(GUILD, CHANNEL, USER)).isFalse();
            assertThat(v.canView(GUILD, CHANNEL, USER)).isFalse();
        }
        int during = reads.get();
        assertThat(during).isEqualTo(4);
        assertThat(v.canView(GUILD, CHANNEL, USER)).isFalse();
        assertThat(v.canView(GUILD, CHANNEL, USER)).isFalse();
        assertThat(reads).hasValue(during + 1);
    }

    @Test
    void guildWideDispatchesAndDeletesAreAdmittedWithoutAsking() {
        ChannelVisibility v = new ChannelVisibility((ch, u) -> {
            throw new AssertionError("no lookup expected");
        });
        assertThat(v.admits(GUILD, Dispatch.guildWide("GUILD_MEMBER_ADD", null, 0), USER)).isTrue();
        assertThat(v.admits(GUILD, Dispatch.inChannel("CHANNEL_DELETE", null, 0, CHANNEL), USER)).isTrue();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
