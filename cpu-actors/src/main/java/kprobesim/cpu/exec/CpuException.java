package kprobesim.cpu.exec;

/**
 * An exception the guest raised, reported to the caller of {@link X86Core#run} (delivery
 * through the IDT comes with the next issue).
 *
 * @param vector    the vector: 0 #DE, 1 #DB, 3 #BP, 6 #UD, 13 #GP, 14 #PF, or n for {@code int n}
 * @param errorCode the error code pushed by vectors that have one (#GP, #PF), else 0
 * @param address   CR2 for #PF (the faulting linear address), else 0
 */
public record CpuException(int vector, int errorCode, long address) {
    public static final int DE = 0, DB = 1, BP = 3, UD = 6, GP = 13, PF = 14;

    /** #PF error code bits (Intel SDM Vol. 3 §4.7). */
    public static final int PF_PRESENT = 1, PF_WRITE = 1 << 1, PF_USER = 1 << 2, PF_FETCH = 1 << 4;

    /** True for trap-like vectors (#DB single-step, #BP, int n): the saved rip is after the instruction. */
    public boolean isTrap() {
        return vector == DB || vector == BP || (vector > 31);
    }

    public static String name(int vector) {
        return switch (vector) {
            case DE -> "#DE";
            case DB -> "#DB";
            case BP -> "#BP";
            case UD -> "#UD";
            case GP -> "#GP";
            case PF -> "#PF";
            default -> "vector " + vector;
        };
    }

    @Override
    public String toString() {
        return name(vector) + "(error=" + errorCode + ", address=0x" + Long.toHexString(address) + ")";
    }
}
