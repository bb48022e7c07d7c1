package kprobesim.cpu.asm;

/**
 * One entry of the symbol table, as {@code nm}/{@code readelf -s} would show it after linking.
 *
 * @param value   the final address for a label, the value for an absolute ({@code .set}) symbol
 * @param size    from {@code .size}, else 0
 * @param section the section name, or {@code null} for absolute symbols
 */
public record AsmSymbol(String name, long value, long size, Type type, Binding binding, String section) {

    /** ELF symbol types we distinguish ({@code .type sym,@function|@object}). */
    public enum Type { NOTYPE, FUNCTION, OBJECT }

    /** ELF binding: {@code .globl} makes a symbol global; everything else is local. */
    public enum Binding { LOCAL, GLOBAL }

    public boolean isAbsolute() {
        return section == null;
    }

    /** True if {@code address} lies in [value, value+size), or equals value for sizeless symbols. */
    public boolean covers(long address) {
        long off = address - value;
        return off == 0 || (off > 0 && Long.compareUnsigned(off, size) < 0);
    }
}
