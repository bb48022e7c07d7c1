package kprobesim.cpu.asm;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every symbol the source defines or names, and the two environments expressions are
 * evaluated in: {@link #readTime} (only constants are known, as in GNU as while it reads a
 * line) and {@link #linked} (every label has its final address).
 */
final class SymbolTable {

    /** One symbol. Fields are filled in as directives mention it. */
    static final class Def {
        final String name;
        /** The defining label statement, or null. */
        Statement.Label label;
        SectionBuilder section;
        int frag;
        long fragOffset;
        /** For {@code .set}/{@code .equ}: the value if it was constant when set. */
        Long constant;
        /** For {@code .set} of a non-constant expression: evaluated after layout at {@link #setPoint}. */
        Expr expr;
        Statement.Label setPoint;
        SectionBuilder setSection;
        boolean global;
        /** Named by {@code .local}: a later {@code .comm} allocates it in .bss at once. */
        boolean explicitLocal;
        AsmSymbol.Type type = AsmSymbol.Type.NOTYPE;
        Statement.SizeOf size;
        /** The section the {@code .size} directive was in (its {@code .} is there). */
        SectionBuilder sizeSection;
        int line;

        Def(String name) {
            this.name = name;
        }

        boolean defined() {
            return label != null || constant != null || expr != null;
        }
    }

    final Map<String, Def> defs = new LinkedHashMap<>();

    /**
     * Global symbols of the other input files (name to final value, or null if none), for
     * names this file uses but does not define; set by the linker step.
     */
    java.util.function.Function<String, Long> external = name -> null;

    /**
     * The label a symbol stands for: itself if it is a label, else the label a {@code .set}
     * chain ({@code .set alias, start+4}) is built on; null for constants and undefined names.
     */
    Def labelOf(String name) {
        Def d = defs.get(name);
        for (int depth = 0; d != null && depth < 100; depth++) {
            if (d.label != null) {
                return d;
            }
            String base = d.expr == null ? null : d.expr.baseSymbol();
            d = base == null ? null : defs.get(base);
        }
        return null;
    }

    Def get(String name) {
        return defs.computeIfAbsent(name, Def::new);
    }

    Def find(String name) {
        return defs.get(name);
    }

    /** Names a user wrote; numeric local labels are renamed internally and shown as written. */
    static String display(String name) {
        int i = name.indexOf('\u0001');
        return i < 0 ? name : name.substring(0, i) + " (local label)";
    }

    /** Read-time environment: .set constants and same-frag label differences are known. */
    Expr.Env readTime(SectionBuilder current) {
        return new Expr.Env() {
            public long symbol(String name) {
                Def d = defs.get(name);
                if (d != null && d.constant != null) {
                    return d.constant;
                }
                throw NOT_CONSTANT;
            }

            public long dot() {
                throw NOT_CONSTANT;
            }

            public Long difference(String a, String b) {
                if (a.equals(b) && !a.equals(".")) {
                    return 0L; // GNU as folds sym - sym to 0 even before sym is defined
                }
                long[] pa = position(a), pb = position(b);
                if (pa == null || pb == null || pa[0] != pb[0]) {
                    return null;
                }
                return pa[1] - pb[1];
            }

            /** {frag, offset} in the current section, or null. */
            private long[] position(String n) {
                if (n.equals(".")) {
                    return new long[] {current.frag, current.fragOffset};
                }
                Def d = defs.get(n);
                if (d == null || d.label == null || d.section != current) {
                    return null;
                }
                return new long[] {d.frag, d.fragOffset};
            }
        };
    }

    static final AsmFailure NOT_CONSTANT = new AsmFailure("not a constant");

    /** The value of {@code e} if it is a constant at read time, else null. */
    Long constantNow(Expr e, SectionBuilder current) {
        try {
            return e.eval(readTime(current));
        } catch (AsmFailure f) {
            if (f == NOT_CONSTANT) {
                return null;
            }
            throw f;
        }
    }

    /** Environment with final addresses; {@code dot} is the address of the statement being emitted. */
    Expr.Env linked(long dot) {
        return new Linked(dot);
    }

    private final class Linked implements Expr.Env {
        private final long dot;
        private final Set<String> evaluating = new HashSet<>();

        Linked(long dot) {
            this.dot = dot;
        }

        public long symbol(String name) {
            Def d = defs.get(name);
            if (d == null || !d.defined()) {
                Long v = external.apply(name);
                if (v != null) {
                    return v;
                }
                throw new AsmFailure("undefined symbol `" + display(name) + "'");
            }
            if (d.label != null) {
                return d.section.base + d.label.offset;
            }
            if (d.constant != null) {
                return d.constant;
            }
            if (!evaluating.add(name)) {
                throw new AsmFailure("symbol `" + name + "' is defined in terms of itself");
            }
            if (evaluating.size() > 200) {
                throw new AsmFailure("symbol `" + name + "' is defined through too many other symbols");
            }
            try {
                long at = d.setSection.base + d.setPoint.offset;
                Linked inner = new Linked(at);
                inner.evaluating.addAll(evaluating);
                return d.expr.eval(inner);
            } finally {
                evaluating.remove(name);
            }
        }

        public long dot() {
            return dot;
        }
    }

    /** Symbols for the image: every named symbol except assembler-local {@code .L} and numeric labels. */
    List<AsmSymbol> export(Assembler.ErrorSink errors, String file) {
        List<AsmSymbol> out = new ArrayList<>();
        for (Def d : defs.values()) {
            if (!d.defined() || d.name.startsWith(".L") || d.name.indexOf('\u0001') >= 0) {
                continue;
            }
            long value;
            String section = null;
            try {
                value = linked(0).symbol(d.name);
            } catch (AsmFailure f) {
                errors.add(d.line, f.getMessage());
                continue;
            }
            Def label = labelOf(d.name);
            if (label != null) {
                section = label.section.name;
            }
            long size = 0;
            if (d.size != null) {
                try {
                    SectionBuilder s = d.sizeSection;
                    long dot = (s != null ? s.base : 0) + d.size.offset;
                    size = d.size.value.eval(linked(dot));
                } catch (AsmFailure f) {
                    errors.add(d.size.line, f.getMessage());
                }
            }
            out.add(new AsmSymbol(d.name, value, size, d.type,
                    d.global ? AsmSymbol.Binding.GLOBAL : AsmSymbol.Binding.LOCAL, section));
        }
        return out;
    }
}
