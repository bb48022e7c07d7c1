package kprobesim.kernel.printk;

import java.util.Optional;

/**
 * printk log levels, {@code KERN_EMERG} (0) to {@code KERN_DEBUG} (7). A message starts with
 * {@code "<N>"} (the 2.6-era {@code KERN_*} strings) or {@code "\001N"} (KERN_SOH, since 3.6)
 * to choose its level.
 */
public enum LogLevel {
    EMERG, ALERT, CRIT, ERR, WARNING, NOTICE, INFO, DEBUG;

    /** Level of a message without a prefix ({@code CONFIG_MESSAGE_LOGLEVEL_DEFAULT}). */
    public static final LogLevel DEFAULT = WARNING;

    public int number() {
        return ordinal();
    }

    /** {@code KERN_INFO}-style prefix: {@code "<6>"}. */
    public String prefix() {
        return "<" + ordinal() + ">";
    }

    public static Optional<LogLevel> of(int number) {
        return number >= 0 && number <= 7 ? Optional.of(values()[number]) : Optional.empty();
    }
}
