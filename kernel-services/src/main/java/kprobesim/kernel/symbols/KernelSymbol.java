package kprobesim.kernel.symbols;

import java.util.Objects;

/**
 * One kallsyms entry.
 *
 * @param name    the symbol
 * @param address its address
 * @param size    kallsyms' size: the distance to the next symbol at a higher address in the
 *                same section, or to the section end (Linux computes it the same way and
 *                ignores ELF {@code .size}; alignment padding therefore counts)
 * @param type    the nm/kallsyms type letter: T/t text, D/d data, B/b bss, R/r read-only data;
 *                upper case for global symbols
 * @param section the section it lives in, e.g. ".text", ".kprobes.text"
 */
public record KernelSymbol(String name, long address, long size, char type, String section) {
    public KernelSymbol {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(section, "section");
        if (size < 0) {
            throw new IllegalArgumentException("size=" + size + " for " + name);
        }
    }

    public boolean isGlobal() {
        return Character.isUpperCase(type);
    }

    public boolean isText() {
        return Character.toLowerCase(type) == 't';
    }

    /** True if {@code addr} is in [address, address+size), or is the address of a sizeless symbol. */
    public boolean covers(long addr) {
        long off = addr - address;
        return off == 0 || (Long.compareUnsigned(addr, address) >= 0 && Long.compareUnsigned(off, size) < 0);
    }

    /** A {@code /proc/kallsyms} line: {@code ffffffff81000000 T do_fork}. */
    public String kallsymsLine() {
        return String.format("%016x %c %s", address, type, name);
    }
}
