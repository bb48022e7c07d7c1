package kprobesim.kernel.notifier;

import java.util.Optional;

/**
 * x86 {@code enum die_val} ({@code arch/x86/include/asm/kdebug.h}), the {@code action} of a
 * die-chain call. Numbering as in Linux 3.x and later, starting at DIE_OOPS = 1.
 * (2.6.32 also had DIE_NMIWATCHDOG after DIE_DIE and DIE_NMI_IPI after DIE_CALL, which shift
 * the later values; the simulator uses the modern numbering for every profile.)
 */
public enum DieVal {
    DIE_OOPS(1),
    DIE_INT3(2),
    DIE_DEBUG(3),
    DIE_PANIC(4),
    DIE_NMI(5),
    DIE_DIE(6),
    DIE_KERNELDEBUG(7),
    DIE_TRAP(8),
    DIE_GPF(9),
    DIE_CALL(10),
    DIE_PAGE_FAULT(11),
    DIE_NMIUNKNOWN(12);

    private final int value;

    DieVal(int value) {
        this.value = value;
    }

    /** The number passed as {@code val} to the callbacks. */
    public int value() {
        return value;
    }

    public static Optional<DieVal> of(long value) {
        return value >= 1 && value <= values().length ? Optional.of(values()[(int) value - 1]) : Optional.empty();
    }
}
