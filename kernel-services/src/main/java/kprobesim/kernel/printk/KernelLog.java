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

    /** Parsed level and body of a printk format string. */
    private record Parsed(LogLevel level, String body) {}

    /** Strips a leading {@code <N>} or {@code \001N} level marker; no marker means {@link LogLevel#DEFAULT}. */
    private static Parsed parse(String message, LogLevel fallback) {
        if (message.length() >= 3 && message.charAt(0) == '<' && message.charAt(2) == '>') {
            int n = message.charAt(1) - '0';
            if (n >= 0 && n <= 7) {
                return new Parsed(LogLevel.values()[n], message.substring(3));
            }
            if (message.charAt(1) == 'd') {
                return new Parsed(fallback, message.substring(3));
            }
        }
        if (message.length() >= 2 && message.charAt(0) == '\001') {
            int n = message.charAt(1) - '0';
            if (n >= 0 && n <= 7) {
                return new Parsed(LogLevel.values()[n], message.substring(2));
            }
            if (message.charAt(1) == 'd') {
                return new Parsed(fallback, message.substring(2));
            }
        }
        return new Parsed(fallback, message);
    }

    /**
     * {@code printk(fmt)} with the message already formatted: a leading {@code <N>} sets the
     * level, a trailing newline is dropped, and embedded newlines start new records (each at
     * the same time and level).
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
            for (String line : lines) {
                append(new LogRecord(nextSeq, now, p.level(), line));
                stored += line.length();
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
