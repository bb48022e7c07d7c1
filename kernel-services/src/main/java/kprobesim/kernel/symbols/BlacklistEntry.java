package kprobesim.kernel.symbols;

/**
 * One range of the kprobe blacklist, [start, end), with the symbol (or section) that owns it
 * and why it is there.
 */
public record BlacklistEntry(long start, long end, String symbol, Reason reason) {

    /** Why a range may not be probed. */
    public enum Reason {
        /** The symbol lives in a non-probeable section such as {@code .kprobes.text}. */
        SECTION,
        /** The symbol is listed in {@code _kprobe_blacklist} ({@code NOKPROBE_SYMBOL}). */
        NOKPROBE_SYMBOL
    }

    public BlacklistEntry {
        if (Long.compareUnsigned(end, start) < 0) {
            throw new IllegalArgumentException("end < start: 0x" + Long.toHexString(start) + "-0x" + Long.toHexString(end));
        }
    }

    public boolean contains(long addr) {
        return Long.compareUnsigned(addr, start) >= 0 && Long.compareUnsigned(addr, end) < 0;
    }

    /** As {@code /sys/kernel/debug/kprobes/blacklist} prints it: {@code 0x...-0x...\tsymbol}. */
    public String format() {
        return String.format("0x%016x-0x%016x\t%s", start, end, symbol);
    }
}
