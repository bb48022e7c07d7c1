package kprobesim.kernel.notifier;

import java.util.Objects;

/**
 * {@code struct notifier_block}: a callback and its priority. Identity matters, as with a
 * pointer in Linux: the same block cannot be on a chain twice, while two blocks with the same
 * callback are two registrations. Hence a final class, not a record.
 *
 * <p>Immutable; the chain, not the block, holds the "next" link.
 */
public final class NotifierBlock {
    /** Linux kprobes' die-chain priority: "we need to be notified first". */
    public static final int PRIORITY_FIRST = 0x7fffffff;

    /** The callback, {@code notifier_call}. */
    private final NotifierFn call;
    /** Higher runs earlier; equal priorities run in registration order. */
    private final int priority;
    /** For diagnostics only (Linux prints the callback's symbol, {@code %ps}). */
    private final String name;

    public NotifierBlock(String name, int priority, NotifierFn call) {
        this.name = Objects.requireNonNull(name, "name");
        this.call = Objects.requireNonNull(call, "call");
        this.priority = priority;
    }

    /** A block with priority 0, the default of a zero-initialised {@code notifier_block}. */
    public static NotifierBlock of(String name, NotifierFn call) {
        return new NotifierBlock(name, 0, call);
    }

    public NotifierFn call() {
        return call;
    }

    public int priority() {
        return priority;
    }

    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return "notifier_block{" + name + ", priority=" + priority + "}";
    }
}
