package kprobesim.cpu.asm;

import java.util.ArrayList;
import java.util.List;

/**
 * One output section while the source is read and laid out.
 *
 * <p>GNU as keeps a section as a chain of "frags": stretches of fixed size separated by
 * variable-size items (relaxable branches, alignment). The difference of two labels in the
 * same frag is a constant while reading, which decides encodings ({@code mov $(b-a),%al});
 * {@link #frag} and {@link #fragOffset} track that.
 */
final class SectionBuilder {
    final String name;
    final String flags;
    final boolean nobits;
    final boolean code;
    final List<Statement> statements = new ArrayList<>();
    /** Current frag number, advanced after each variable-size statement. */
    int frag;
    /** Bytes since the start of the current frag, while parsing. */
    long fragOffset;
    /** Final base address, set by layout. */
    long base;
    /** Size after layout. */
    long size;

    SectionBuilder(String name, String flags, boolean nobits) {
        this.name = name;
        this.flags = flags;
        this.nobits = nobits;
        this.code = flags.contains("x");
    }

    /** Default flags of the sections GNU as knows by name. */
    static String defaultFlags(String name) {
        if (name.equals(".text") || name.startsWith(".text.") || name.equals(".init") || name.equals(".fini")
                || name.startsWith(".kprobes.text") || name.startsWith(".entry.text")) {
            return "ax";
        }
        if (name.equals(".rodata") || name.startsWith(".rodata.")) {
            return "a";
        }
        if (name.startsWith(".note") || name.startsWith(".comment") || name.startsWith(".debug")) {
            return "";
        }
        return "wa";
    }

    /** The section's alignment: the largest {@code .align} in it (1 without any), as GNU as records it. */
    long alignment() {
        long a = 1;
        for (Statement s : statements) {
            if (s instanceof Statement.Align al) {
                a = Math.max(a, al.alignment);
            }
        }
        return a;
    }

    void add(Statement s) {
        statements.add(s);
        if (s instanceof Statement.Align || (s instanceof Statement.Branch b && b.mnemonic.op() != kprobesim.cpu.isa.Op.CALL)) {
            frag++;
            fragOffset = 0;
        } else {
            fragOffset += s.size;
        }
    }
}
