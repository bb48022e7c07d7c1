package kprobesim.kernel.printk;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The kernel log buffer behind {@code printk} and {@code dmesg}: a fixed number of records in
 * a ring; when full, the oldest record is dropped and counted.
 *
 * <p>Linux sizes its buffer in bytes ({@code CONFIG_LOG_BUF_SHIFT}); this one counts records,
 * which keeps overflow tests exact.
 *
 * <h2>Threading</h2>
 * Thread-safe: any CPU may printk at any time. Appends and reads take this object's monitor
 * briefly (formatting happens outside it); sequence numbers and timestamps are assigned under
 * it, so records are in sequence order. Timestamps follow the injected {@link KernelClock}; if
 * two CPUs' clocks disagree, records keep arrival order (as Linux's do).
 */
public final class KernelLog {
    private final KernelClock clock;
    /** The ring; slot {@code seq % capacity}. Accessed only while holding {@code this}. */
    private final LogRecord[] ring;
    /** Sequence number the next record gets. Accessed only while holding {@code this}. */
    private long nextSeq;
    /** Records pushed out by newer ones. Accessed only while holding {@code this}. */
    private long dropped;

    public KernelLog(int capacity, KernelClock clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1: capacity=" + capacity);
        }
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ring = new LogRecord[capacity];
    }

    /** Parsed level and body of a printk format string; {@code cont} for a KERN_CONT continuation. */
    private record Parsed(LogLevel level, String body, boolean cont) {}

    /**
     * Strips a leading level marker: {@code <0>}..{@code <7>} (2.6-era KERN_* strings) or
     * {@code \0010}..{@code \0017} (KERN_SOH, 3.6+); {@code <d>}/{@code \001d} is KERN_DEFAULT and
     * {@code <c>}/{@code \001c} KERN_CONT. No marker means {@code fallback}.
     */
    private static Parsed parse(String message, LogLevel fallback) {
        char code = 0;
        int skip = 0;
        if (message.length() >= 3 && message.charAt(0) == '<' && message.charAt(2) == '>') {
            code = message.charAt(1);
            skip = 3;
        } else if (message.length() >= 2 && message.charAt(0) == '\001') {
            code = message.charAt(1);
            skip = 2;
        }
        if (code >= '0' && code <= '7') {
            return new Parsed(LogLevel.values()[code - '0'], message.substring(skip), false);
        }
        if (code == 'd') {
            return new Parsed(fallback, message.substring(skip), false);
        }
        if (code == 'c') {
            return new Parsed(fallback, message.substring(skip), true);
        }
        return new Parsed(fallback, message, false);
    }

    /**
     * {@code printk(fmt)} with the message already formatted: a leading {@code <N>} sets the
     * level, a trailing newline is dropped, and embedded newlines start new records (each at
     * the same time and level). A KERN_CONT ({@code <c>}) message extends the newest record;
     * with concurrent printers it may extend another CPU's line, as in Linux.
     *
     * @return the number of characters stored, as printk returns the length printed
     */
    public int printk(String message) {
        return printk(LogLevel.DEFAULT, message);
    }

    /** {@code printk} with the level to use when the message has no prefix of its own. */
    public int printk(LogLevel levelIfNone, String message) {
        Objects.requireNonNull(message, "message");
        Parsed p = parse(message, Objects.requireNonNull(levelIfNone, "levelIfNone"));
        String body = p.body().endsWith("\n") ? p.body().substring(0, p.body().length() - 1) : p.body();
        String[] lines = body.split("\n", -1);
        int stored = 0;
        synchronized (this) {
            long now = clock.nanosSinceBoot();
            int first = 0;
            if (p.cont() && nextSeq > 0) {
                // KERN_CONT: the first line extends the newest record (pr_cont), keeping its time and level
                int slot = (int) ((nextSeq - 1) % ring.length);
                LogRecord last = ring[slot];
                ring[slot] = new LogRecord(last.seq(), last.nanos(), last.level(), last.text() + lines[0]);
                stored += lines[0].length();
                first = 1;
            }
            for (int i = first; i < lines.length; i++) {
                append(new LogRecord(nextSeq, now, p.level(), lines[i]));
                stored += lines[i].length();
            }
        }
        return stored;
    }

    private void append(LogRecord r) {
        int slot = (int) (nextSeq % ring.length);
        if (ring[slot] != null) {
            dropped++;
        }
        ring[slot] = r;
        nextSeq++;
    }

    /** The records still in the buffer, oldest first. */
    public synchronized List<LogRecord> records() {
        return since(0);
    }

    /**
     * Records with {@code seq >= fromSeq} still in the buffer, oldest first: a reader that
     * remembers the last seq it saw reads incrementally, like {@code /dev/kmsg}.
     */
    public synchronized List<LogRecord> since(long fromSeq) {
        long first = Math.max(fromSeq, nextSeq - Math.min(nextSeq, ring.length));
        List<LogRecord> out = new ArrayList<>((int) Math.max(0, nextSeq - first));
        for (long s = first; s < nextSeq; s++) {
            out.add(ring[(int) (s % ring.length)]);
        }
        return out;
    }

    /** {@code dmesg}: every record formatted, oldest first. */
    public List<String> dmesg() {
        return records().stream().map(LogRecord::format).toList();
    }

    /** {@code dmesg --level}: records at {@code maxLevel} or more severe. */
    public List<String> dmesg(LogLevel maxLevel) {
        return records().stream().filter(r -> r.level().ordinal() <= maxLevel.ordinal())
                .map(LogRecord::format).toList();
    }

    /** Records dropped because the ring was full. */
    public synchronized long dropped() {
        return dropped;
    }

    /** Sequence number of the next record (= records ever logged). */
    public synchronized long nextSeq() {
        return nextSeq;
    }

    public int capacity() {
        return ring.length;
    }
}
