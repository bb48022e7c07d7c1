package kprobesim.cpu.asm;

import java.util.Map;

/**
 * Where sections go in the address space. {@code .text} is at {@code textBase}; a section
 * named in {@code sectionBases} is at that address; every other section follows the previous
 * one, page-aligned (4 KiB), in the order the source first names them.
 */
public record AssemblerOptions(long textBase, Map<String, Long> sectionBases) {
    public static final long PAGE = 0x1000;

    public AssemblerOptions {
        sectionBases = Map.copyOf(sectionBases);
    }

    public static AssemblerOptions at(long textBase) {
        return new AssemblerOptions(textBase, Map.of());
    }

    public AssemblerOptions withSection(String name, long base) {
        var m = new java.util.HashMap<>(sectionBases);
        m.put(name, base);
        return new AssemblerOptions(textBase, m);
    }
}
