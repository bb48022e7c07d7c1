package kprobesim.cpu.asm;

import java.util.ArrayList;
import java.util.List;

/**
 * One output section: the same-named sections of every input file, in input order, each at
 * the next multiple of its alignment (what ld does with input sections).
 */
final class LinkedSection {
    final String name;
    final String flags;
    final boolean nobits;
    final List<SectionBuilder> parts = new ArrayList<>();
    long base;
    long size;

    LinkedSection(SectionBuilder first) {
        this.name = first.name;
        this.flags = first.flags;
        this.nobits = first.nobits;
    }

    boolean code() {
        return flags.contains("x");
    }
}
