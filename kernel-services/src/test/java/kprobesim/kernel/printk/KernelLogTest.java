package kprobesim.kernel.printk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class KernelLogTest {
    private final AtomicLong now = new AtomicLong();
    private final KernelLog log = new KernelLog(4, now::get);

    @Test
    void linesLookLikeDmesg() {
        now.set(5_123_456_789L);
        log.printk("<6>hello\n");
        now.set(54_106_016_179_999L);
        log.printk("test1[8352] trap divide error ip:400506 sp:7fff2add87e0 error:0 in test1[400000+1000]");
        assertEquals(List.of("[    5.123456] hello",
                "[54106.016179] test1[8352] trap divide error ip:400506 sp:7fff2add87e0 error:0 in test1[400000+1000]"),
                log.dmesg());
        assertEquals("<6>[    5.123456] hello", log.records().get(0).formatRaw());
        assertEquals("[    0.000000] x", new LogRecord(0, 0, LogLevel.INFO, "x").format());
    }

    @Test
    void levelPrefixesAreParsedLikePrintk() {
        for (int n = 0; n <= 7; n++) {
            KernelLog l = new KernelLog(2, () -> 0);
            l.printk("<" + n + ">msg");
            assertEquals(LogLevel.of(n).orElseThrow(), l.records().get(0).level());
            assertEquals("msg", l.records().get(0).text());
        }
        log.printk("\0013soh style");
        log.printk("no prefix");
        log.printk("<9>not a level");
        log.printk(LogLevel.ERR, "<d>default marker");
        List<LogRecord> r = log.records();
        assertEquals(LogLevel.ERR, r.get(0).level());
        assertEquals("soh style", r.get(0).text());
        assertEquals(LogLevel.WARNING, r.get(1).level(), "KERN_DEFAULT is 4");
        assertEquals("<9>not a level", r.get(2).text());
        assertEquals(LogLevel.ERR, r.get(3).level());
        assertEquals("default marker", r.get(3).text());
        assertEquals("<0>", LogLevel.EMERG.prefix());
        assertEquals("<7>", LogLevel.DEBUG.prefix());
    }

    @Test
    void kernContExtendsTheNewestRecord() {
        now.set(1_000_000_000L);
        log.printk("<1>Call Trace:");
        now.set(2_000_000_000L);
        log.printk("<c> do_fork+0x1f/0x120");
        log.printk("\001c [kernel]\nnext line");
        assertEquals(List.of("[    1.000000] Call Trace: do_fork+0x1f/0x120 [kernel]", "[    2.000000] next line"),
                log.dmesg());
        assertEquals(LogLevel.ALERT, log.records().get(0).level());
        assertEquals(2, log.nextSeq());
        KernelLog empty = new KernelLog(2, () -> 0);
        empty.printk("<c>first");
        assertEquals(List.of("[    0.000000] first"), empty.dmesg(), "nothing to continue: a new record");
    }

    @Test
    void filterByLevel() {
        log.printk("<0>emerg");
        log.printk("<4>warn");
        log.printk("<7>debug");
        assertEquals(List.of("[    0.000000] emerg", "[    0.000000] warn"), log.dmesg(LogLevel.WARNING));
    }

    @Test
    void embeddedNewlinesMakeSeparateRecords() {
        assertEquals(6, log.printk("<3>one\ntwo\n"));
        assertEquals(List.of("[    0.000000] one", "[    0.000000] two"), log.dmesg());
        assertEquals(LogLevel.ERR, log.records().get(1).level());
    }

    @Test
    void fullRingDropsTheOldestAndCountsThem() {
        for (int i = 0; i < 7; i++) {
            now.set(i * 1_000_000_000L);
            log.printk("m" + i);
        }
        assertEquals(3, log.dropped());
        assertEquals(7, log.nextSeq());
        assertEquals(List.of("[    3.000000] m3", "[    4.000000] m4", "[    5.000000] m5", "[    6.000000] m6"),
                log.dmesg());
        assertEquals(List.of(5L, 6L), log.since(5).stream().map(LogRecord::seq).toList());
        assertEquals(3L, log.since(0).get(0).seq(), "a reader that fell behind resumes at the oldest kept");
        assertEquals(List.of(), log.since(7));
    }

    @Test
    void badArgumentsFailFast() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new KernelLog(0, () -> 0));
        assertEquals("capacity must be >= 1: capacity=0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LogRecord(0, -1, LogLevel.INFO, "x"));
    }

    @Test
    void manyCpusPrintingConcurrentlyLoseNothingAndKeepPerCpuOrder() throws Exception {
        int cpus = 8;
        int perCpu = 2_000;
        KernelLog big = new KernelLog(cpus * perCpu, () -> 0);
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < cpus; c++) {
            int cpu = c;
            Thread t = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < perCpu; i++) {
                    big.printk("cpu" + cpu + " " + i);
                }
            });
            threads.add(t);
            t.start();
        }
        go.countDown();
        for (Thread t : threads) {
            t.join(60_000);
            assertFalse(t.isAlive());
        }
        List<LogRecord> all = big.records();
        assertEquals(cpus * perCpu, all.size());
        assertEquals(0, big.dropped());
        Map<String, Integer> next = new HashMap<>();
        for (int i = 0; i < all.size(); i++) {
            LogRecord r = all.get(i);
            assertEquals(i, r.seq(), "dense sequence numbers");
            String[] parts = r.text().split(" ");
            int expected = next.getOrDefault(parts[0], 0);
            assertEquals(expected, Integer.parseInt(parts[1]), "per-CPU order");
            next.put(parts[0], expected + 1);
        }
    }
}
