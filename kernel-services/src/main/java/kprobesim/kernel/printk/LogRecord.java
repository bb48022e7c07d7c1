package kprobesim.kernel.printk;

import java.util.Objects;

/**
 * One line of the kernel log.
 *
 * @param seq         0-based sequence number of the record since boot (dropped ones count too)
 * @param nanos       virtual time of the printk, nanoseconds since boot
 * @param level       its log level
 * @param text        the text, without level prefix or trailing newline
 */
public record LogRecord(long seq, long nanos, LogLevel level, String text) {
    public LogRecord {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(text, "text");
        if (nanos < 0) {
            throw new IllegalArgumentException("nanos=" + nanos);
        }
    }

    /** As dmesg prints it: {@code [    5.123456] text} (seconds padded to 5, then microseconds). */
    public String format() {
        long micros = nanos / 1_000;
        return String.format("[%5d.%06d] %s", micros / 1_000_000, micros % 1_000_000, text);
    }

    /** As {@code dmesg -r} prints it: {@code <6>[    5.123456] text}. */
    public String formatRaw() {
        return level.prefix() + format();
    }
}
