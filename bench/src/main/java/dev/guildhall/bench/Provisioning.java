package dev.guildhall.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/** Users, guilds and memberships created through the real REST API, in parallel, with progress lines. */
final class Provisioning {
    private static final int PARALLELISM = 8;

    /** Members of one guild with one text channel; {@code members.get(0)} owns it. */
    record Community(long guildId, long channelId, List<Rest.Account> members) {
    }

    private Provisioning() {
    }

    static List<Rest.Account> users(Rest rest, String prefix, int count) {
        return parallel("register " + count + " users", count, i -> rest.register(prefix + "-" + i));
    }

    /** Splits {@code users} into guilds of {@code size} (first of each group is the owner); everyone else joins by invite. */
    static List<Community> communities(Rest rest, List<Rest.Account> users, int size) {
        List<List<Rest.Account>> groups = new ArrayList<>();
        for (int i = 0; i < users.size(); i += size) {
            groups.add(users.subList(i, Math.min(users.size(), i + size)));
        }
        List<long[]> guilds = parallel("create " + groups.size() + " guilds", groups.size(),
                g -> rest.createGuild(groups.get(g).get(0), "bench-guild-" + g));
        List<String> invites = parallel("create " + groups.size() + " invites", groups.size(),
                g -> rest.createInvite(groups.get(g).get(0), guilds.get(g)[1]));
        int joiners = users.size() - groups.size();
        parallel(joiners + " guild joins", users.size(), i -> {
            int g = i / size;
            if (i % size != 0) {
                rest.join(users.get(i), invites.get(g));
            }
            return Boolean.TRUE;
        });
        List<Community> out = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            out.add(new Community(guilds.get(g)[0], guilds.get(g)[1], groups.get(g)));
        }
        return out;
    }

    /** Runs {@code task(0..count-1)} on a small pool, in order of the results; a progress line every 5 s. */
    static <T> List<T> parallel(String what, int count, IntFunction<T> task) {
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(PARALLELISM);
        AtomicInteger done = new AtomicInteger();
        try {
            List<Future<T>> futures = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    T r = task.apply(n);
                    done.incrementAndGet();
                    return r;
                }));
            }
            List<T> out = new ArrayList<>(count);
            long nextReport = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            for (Future<T> f : futures) {
                while (!f.isDone()) {
                    if (System.nanoTime() > nextReport) {
                        Log.line(what + ": " + done.get() + "/" + count);
                        nextReport = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                    }
                    try {
                        f.get(200, TimeUnit.MILLISECONDS);
                    } catch (java.util.concurrent.TimeoutException ignored) {
                        // report and wait again
                    }
                }
                out.add(f.get());
            }
            Log.line(what + ": done in " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) + " ms");
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + what, e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(what + " failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
