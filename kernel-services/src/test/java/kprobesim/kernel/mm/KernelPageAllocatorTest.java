package kprobesim.kernel.mm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import kprobesim.cpu.memory.PhysicalMemory;
import kprobesim.kernel.errno.Errno;
import kprobesim.kernel.notifier.FreedPages;
import kprobesim.kernel.notifier.NotifierBlock;
import kprobesim.kernel.notifier.Notify;
import kprobesim.kernel.notifier.OomNotifier;
import org.junit.jupiter.api.Test;

/** The kernel page allocator: frames, aligned blocks, the OOM chain, the killer hook, threads. */
class KernelPageAllocatorTest {
    static final long BASE = 0xffff888010000000L;
    final OomNotifier oom = new OomNotifier();
    final List<Integer> killerCalls = Collections.synchronizedList(new ArrayList<>());

    KernelPageAllocator allocator(int pages, OomKiller killer) {
        return new KernelPageAllocator(new PhysicalMemory(), BASE, pages, oom, killer);
    }

    @Test
    void framesAndAlignedBlocksComeFromThePoolAndGoBack() {
        PhysicalMemory mem = new PhysicalMemory();
        KernelPageAllocator a = new KernelPageAllocator(mem, BASE, 16, oom, OomKiller.NONE);
        assertTrue(mem.isMapped(BASE) && mem.isMapped(BASE + 16 * 4096 - 1), "the pool is RAM");
        long p = a.allocPage();
        assertEquals(BASE, p);
        long stack = a.allocPages(2); // a 16 KiB kernel stack
        assertEquals(0, (stack - BASE) % (4 * 4096), "naturally aligned");
        assertEquals(BASE + 4 * 4096, stack, "first fit skips the block holding the busy frame");
        assertEquals(11, a.freeCount());
        mem.write64(stack, 42); // usable memory
        a.freePages(stack, 2);
        a.freePage(p);
        assertEquals(16, a.freeCount());
        assertThrows(IllegalArgumentException.class, () -> a.freePage(p), "double free is a kernel bug");
        assertThrows(IllegalArgumentException.class, () -> a.freePage(BASE - 4096));
        long q = a.allocPage();
        assertThrows(IllegalArgumentException.class, () -> a.freePages(q, 1), "wrong order");
    }

    @Test
    void anOomNotifierThatFreesCachedPagesLetsTheAllocationSucceed() {
        KernelPageAllocator a = allocator(8, order -> {
            killerCalls.add(order);
            return 0;
        });
        ArrayDeque<Long> cache = new ArrayDeque<>();
        for (int i = 0; i < 8; i++) {
            cache.push(a.allocPage()); // a "page cache" fills the pool
        }
        assertEquals(Errno.ENOMEM.neg(), a.tryAllocPages(0));
        List<Long> reported = new ArrayList<>();
        oom.registerOomNotifier(NotifierBlock.of("shrink_cache", (nb, action, data) -> {
            long n = 0;
            while (n < 3 && !cache.isEmpty()) {
                a.freePage(cache.pop());
                n++;
            }
            ((FreedPages) data).add(n);
            reported.add(n);
            return Notify.OK;
        }));
        long p = a.allocPage();
        assertFalse(Errno.isError(p), Errno.describe(p));
        assertEquals(List.of(3L), reported, "the chain ran once and reported 3 freed pages");
        assertEquals(3, a.pagesFreedByNotifiers());
        assertEquals(1, a.oomNotifierCalls());
        assertEquals(List.of(), killerCalls, "something was freed: no OOM kill");
        assertEquals(2, a.freeCount());
    }

    @Test
    void withoutNotifiersTheKillerHookRunsAndTheAllocationFailsWithEnomem() {
        KernelPageAllocator a = allocator(4, order -> {
            killerCalls.add(order);
            return 0;
        });
        a.allocPages(2);
        assertEquals(Errno.ENOMEM.neg(), a.allocPage());
        assertEquals(List.of(0), killerCalls, "the OOM killer hook was called with the order");
        assertEquals(1, a.oomNotifierCalls());
        assertEquals(Errno.ENOMEM.neg(), allocator(4, OomKiller.NONE).allocPages(3), "default hook: -ENOMEM");
    }

    @Test
    void aKillThatFreesPagesLetsTheRetrySucceed() {
        KernelPageAllocator[] a = new KernelPageAllocator[1];
        long[] victimStack = new long[1];
        a[0] = allocator(4, order -> {
            killerCalls.add(order);
            a[0].freePages(victimStack[0], 2); // the victim task's kernel stack
            return 4;
        });
        victimStack[0] = a[0].allocPages(2);
        long p = a[0].allocPages(1);
        assertFalse(Errno.isError(p));
        assertEquals(List.of(1), killerCalls);
    }

    @Test
    void aNotifierThatLiesCannotLoopForever() {
        KernelPageAllocator a = allocator(1, OomKiller.NONE);
        a.allocPage();
        oom.registerOomNotifier(NotifierBlock.of("liar", (nb, action, data) -> {
            ((FreedPages) data).add(1);
            return Notify.OK;
        }));
        assertEquals(Errno.ENOMEM.neg(), a.allocPage());
        assertEquals(KernelPageAllocator.MAX_RETRIES, a.oomNotifierCalls());
    }

    @Test
    void manyThreadsNeverGetTheSameFrame() throws Exception {
        int threads = 8, perThread = 2000;
        KernelPageAllocator a = allocator(64, OomKiller.NONE);
        Set<Long> inUse = Collections.synchronizedSet(new HashSet<>());
        AtomicInteger duplicates = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            int order = t % 3;
            new Thread(() -> {
                for (int i = 0; i < perThread; i++) {
                    long p = a.allocPages(order);
                    if (Errno.isError(p)) {
                        failures.incrementAndGet();
                        continue;
                    }
                    for (int f = 0; f < (1 << order); f++) {
                        if (!inUse.add(p + f * 4096L)) {
                            duplicates.incrementAndGet();
                        }
                    }
                    for (int f = 0; f < (1 << order); f++) {
                        inUse.remove(p + f * 4096L);
                    }
                    a.freePages(p, order);
                }
                done.countDown();
            }).start();
        }
        assertTrue(done.await(60, TimeUnit.SECONDS));
        assertEquals(0, duplicates.get());
        assertEquals(0, failures.get(), "64 frames always hold 8 threads' blocks of at most 4");
        assertEquals(64, a.freeCount());
    }
}
