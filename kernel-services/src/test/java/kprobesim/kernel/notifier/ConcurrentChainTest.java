package kprobesim.kernel.notifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Eight "CPUs" walk a chain while another thread registers and unregisters blocks. The
 * interleaving varies from run to run; the checks do not depend on it:
 * <ul>
 *   <li>every walk sees the two permanent blocks, first and last, and in between only blocks
 *       in chain order (priority descending, then registration order), each at most once;</li>
 *   <li>no block runs after its unregister returned;</li>
 *   <li>the permanent head ran exactly once per walk; the final chain is exactly what the
 *       writer left.</li>
 * </ul>
 */
class ConcurrentChainTest {
    private static final int CPUS = 8;
    private static final int WRITER_STEPS = 200;
    private static final int MIN_WALKS_PER_CPU = 100;

    static Stream<Arguments> chains() {
        return Stream.of(
                Arguments.of("atomic", (Supplier<NotifierChain>) () -> new AtomicNotifierChain("die_chain")),
                Arguments.of("blocking", (Supplier<NotifierChain>) () -> new BlockingNotifierChain("reboot")));
    }

    /** A transient block: its sequence number orders registrations; {@code gone} is set after unregister returns. */
    private record Tag(long seq, int priority, AtomicBoolean gone) {}

    @ParameterizedTest(name = "{0}")
    @MethodSource("chains")
    void registerAndUnregisterWhileEightCpusCallTheChain(String flavour, Supplier<NotifierChain> make) throws Exception {
        NotifierChain chain = make.get();
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        AtomicLong headCalls = new AtomicLong();
        AtomicLong walks = new AtomicLong();

        // data of a walk: the tags it saw, in order
        chain.register(new NotifierBlock("head", Integer.MAX_VALUE, (nb, a, d) -> {
            headCalls.incrementAndGet();
            @SuppressWarnings("unchecked")
            List<Object> seen = (List<Object>) d;
            seen.add("head");
            return Notify.OK;
        }));
        chain.register(new NotifierBlock("tail", Integer.MIN_VALUE, (nb, a, d) -> {
            @SuppressWarnings("unchecked")
            List<Object> seen = (List<Object>) d;
            seen.add("tail");
            return Notify.DONE;
        }));

        AtomicBoolean writerDone = new AtomicBoolean();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> cpus = new ArrayList<>();
        for (int cpu = 0; cpu < CPUS; cpu++) {
            Thread t = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                int n = 0;
                while (!writerDone.get() || n < MIN_WALKS_PER_CPU) {
                    List<Object> seen = new ArrayList<>();
                    chain.callChain(1, seen);
                    walks.incrementAndGet();
                    String bad = checkWalk(seen);
                    if (bad != null) {
                        problems.add(bad);
                    }
                    n++;
                    Thread.yield(); // 8 spinning walkers on a small host would starve the writer
                }
            }, "cpu" + cpu);
            cpus.add(t);
            t.start();
        }

        Random rnd = new Random(42);
        List<NotifierBlock> live = new ArrayList<>();
        java.util.Map<NotifierBlock, Tag> tags = new java.util.IdentityHashMap<>();
        start.countDown();
        for (int step = 0; step < WRITER_STEPS; step++) {
            if (live.isEmpty() || rnd.nextInt(3) != 0) {
                Tag tag = new Tag(step, rnd.nextInt(5) - 2, new AtomicBoolean());
                NotifierBlock nb = new NotifierBlock("t" + step, tag.priority(), (self, a, d) -> {
                    if (tag.gone().get()) {
                        problems.add(self.name() + " ran after its unregister returned");
                    }
                    @SuppressWarnings("unchecked")
                    List<Object> seen = (List<Object>) d;
                    seen.add(tag);
                    return Notify.OK;
                });
                tags.put(nb, tag);
                assertEquals(0, chain.register(nb));
                live.add(nb);
            } else {
                NotifierBlock nb = live.remove(rnd.nextInt(live.size()));
                assertEquals(0, chain.unregister(nb));
                tags.get(nb).gone().set(true);
            }
        }
        writerDone.set(true);
        for (Thread t : cpus) {
            t.join(60_000);
            assertFalse(t.isAlive(), t.getName() + " did not finish");
        }
        assertEquals(List.of(), List.copyOf(problems), flavour);
        assertEquals(walks.get(), headCalls.get(), "head runs exactly once per walk");
        assertTrue(walks.get() >= (long) CPUS * MIN_WALKS_PER_CPU);

        // the final chain: head, the live blocks by priority then registration, tail
        List<Object> seen = new ArrayList<>();
        chain.callChain(1, seen);
        assertEquals(null, checkWalk(seen));
        assertEquals(live.size() + 2, seen.size());
        assertEquals(live.size() + 2, chain.blocks().size());
    }

    /** Null if the walk is consistent with some published state of the chain, else what is wrong. */
    private static String checkWalk(List<Object> seen) {
        if (seen.size() < 2 || !"head".equals(seen.get(0)) || !"tail".equals(seen.get(seen.size() - 1))) {
            return "walk does not start with head and end with tail: " + seen;
        }
        Tag prev = null;
        for (int i = 1; i < seen.size() - 1; i++) {
            if (!(seen.get(i) instanceof Tag t)) {
                return "unexpected entry " + seen.get(i);
            }
            if (prev != null) {
                boolean ordered = prev.priority() > t.priority()
                        || (prev.priority() == t.priority() && prev.seq() < t.seq());
                if (!ordered) {
                    return "out of order: " + prev + " before " + t;
                }
            }
            prev = t;
        }
        return null;
    }
}
