package kprobesim.cpu.asm;

import java.util.List;
import kprobesim.cpu.isa.Op;

/**
 * Gives every statement its section offset and every section its base address.
 *
 * <p>Branch relaxation works like GNU as: every jmp/jcc to a label of its own section starts
 * in the 2-byte rel8 form and grows to rel32 when GNU as's relaxation would grow it (see
 * {@link #relax}); forms only grow, so the passes reach a fixed point. Branches to absolute
 * addresses, other sections or undefined symbols are rel32 from the start.
 */
final class Layout {
    private Layout() {}

    /** Relaxes every section of one input file; offsets are then final within each section. */
    static void relax(SourceParser parsed) {
        for (SectionBuilder s : parsed.sections.values()) {
            classifyBranches(s, parsed.symbols);
            relax(s, parsed.symbols);
        }
    }

    /**
     * Places the output sections: {@code .text} at the text base, a section named in the
     * options at its address, every other one page-aligned after the previous one, in the
     * order the inputs first name them. Within an output section the input files' parts follow
     * each other, each aligned to its own alignment.
     */
    static List<LinkedSection> place(List<SourceParser> inputs, AssemblerOptions options) {
        java.util.LinkedHashMap<String, LinkedSection> out = new java.util.LinkedHashMap<>();
        for (SourceParser p : inputs) {
            SectionBuilder text = p.sections.get(".text");
            out.computeIfAbsent(".text", k -> new LinkedSection(text)).parts.add(text);
        }
        for (SourceParser p : inputs) {
            for (SectionBuilder s : p.sections.values()) {
                if (!s.name.equals(".text") && !s.statements.isEmpty()) {
                    out.computeIfAbsent(s.name, k -> new LinkedSection(s)).parts.add(s);
                }
            }
        }
        long end = options.textBase();
        for (LinkedSection ls : out.values()) {
            Long given = ls.name.equals(".text") ? Long.valueOf(options.textBase()) : options.sectionBases().get(ls.name);
            if (given != null) {
                ls.base = given;
            } else {
                long page = AssemblerOptions.PAGE;
                ls.base = (end + page - 1) & -page;
            }
            long offset = 0;
            for (SectionBuilder part : ls.parts) {
                long align = part.alignment();
                offset = (offset + align - 1) / align * align;
                part.base = ls.base + offset;
                offset += part.size;
            }
            ls.size = offset;
            end = ls.base + ls.size;
        }
        return new java.util.ArrayList<>(out.values());
    }

    private static void classifyBranches(SectionBuilder s, SymbolTable symbols) {
        for (Statement st : s.statements) {
            if (st instanceof Statement.Branch b && b.mnemonic.op() != Op.CALL) {
                String base = b.target.baseSymbol();
                SymbolTable.Def d = base == null ? null : symbols.labelOf(base);
                b.relaxable = d != null && d.label != null && d.section == s;
                b.longForm = !b.relaxable;
                b.size = InstructionEncoder.branchLength(b.mnemonic, b.longForm);
            }
        }
    }

    /**
     * A run of fixed-size statements ending in at most one variable-size statement (a
     * relaxable branch or an alignment): GNU as's frag.
     */
    private static final class Frag {
        /** Bytes of the fixed statements before {@link #variable}. */
        long fix;
        final Statement variable;
        long address;
        /** Alignment frags start a new region; see {@link #relax}. */
        final int region;
        /** Flipped when a pass visits the frag, as GNU as's relax_marker. */
        boolean marker;

        Frag(Statement variable, int region) {
            this.variable = variable;
            this.region = region;
        }
    }

    /**
     * GNU as's relax_segment, pass for pass, because its choices are not simply "the least
     * layout that works": within a pass it walks the frags in order, moves each by the growth
     * of those before it ({@code stretch}), and estimates a forward target as moved by the same
     * stretch only if no alignment lies in between (the alignment is assumed to absorb it).
     * A branch that would look out of range in a plain recomputation can therefore stay short.
     */
    private static void relax(SectionBuilder s, SymbolTable symbols) {
        List<Statement> list = s.statements;
        java.util.ArrayList<Frag> frags = new java.util.ArrayList<>();
        java.util.IdentityHashMap<Statement, Frag> fragOf = new java.util.IdentityHashMap<>();
        java.util.IdentityHashMap<Statement, Long> inFrag = new java.util.IdentityHashMap<>();
        int region = 0;
        int begin = 0;
        long fix = 0;
        for (int i = 0; i < list.size(); i++) {
            Statement st = list.get(i);
            boolean variable = st instanceof Statement.Align || (st instanceof Statement.Branch b && b.relaxable);
            inFrag.put(st, fix);
            if (variable || i == list.size() - 1) {
                Frag f = new Frag(variable ? st : null, region);
                f.fix = variable ? fix : fix + st.size;
                frags.add(f);
                for (int j = begin; j <= i; j++) {
                    fragOf.put(list.get(j), f);
                }
                if (st instanceof Statement.Align) {
                    region++;
                }
                begin = i + 1;
                fix = 0;
            } else {
                fix += st.size;
            }
        }
        // initial addresses: branches short, alignment as the addresses fall
        long address = 0;
        for (Frag f : frags) {
            f.address = address;
            address += f.fix;
            if (f.variable instanceof Statement.Align a) {
                a.size = a.padding(address);
            }
            if (f.variable != null) {
                address += f.variable.size;
            }
        }
        boolean stretched = true;
        for (int pass = 0; stretched && pass < 10_000; pass++) {
            long stretch = 0;
            stretched = false;
            for (Frag f : frags) {
                f.marker = !f.marker;
                long was = f.address;
                f.address += stretch;
                long growth = 0;
                if (f.variable instanceof Statement.Align a) {
                    int oldPad = a.padding(was + f.fix);
                    int newPad = a.padding(f.address + f.fix);
                    a.size = newPad;
                    growth = newPad - oldPad;
                } else if (f.variable instanceof Statement.Branch b && !b.longForm) {
                    growth = relaxBranch(b, f, stretch, symbols, fragOf, inFrag);
                }
                if (growth != 0) {
                    stretch += growth;
                    stretched = true;
                }
            }
        }
        long off = 0;
        for (Statement st : list) {
            st.offset = off;
            off += st.size;
        }
        s.size = off;
    }

    /** GNU as's relax_frag for a short jmp/jcc: the growth in bytes (0 or 3/4). */
    private static long relaxBranch(Statement.Branch b, Frag f, long stretch, SymbolTable symbols,
            java.util.IdentityHashMap<Statement, Frag> fragOf, java.util.IdentityHashMap<Statement, Long> inFrag) {
        Expr.Env env = new Expr.Env() {
            public long symbol(String name) {
                SymbolTable.Def d = symbols.find(name);
                if (d != null && d.label != null) {
                    Frag lf = fragOf.get(d.label);
                    return lf.address + inFrag.get(d.label);
                }
                if (d != null && d.expr != null && symbols.labelOf(name) != null) {
                    return d.expr.eval(this);
                }
                throw new AsmFailure("not a label");
            }

            public long dot() {
                return f.address + f.fix;
            }
        };
        long target;
        try {
            target = b.target.eval(env);
        } catch (AsmFailure e) {
            return 0; // reported when the bytes are emitted
        }
        long address = f.address + f.fix + b.size - 1; // where the rel8 byte is, like fr_address + fr_fix
        SymbolTable.Def label = symbols.labelOf(b.target.baseSymbol());
        Frag symFrag = label == null ? null : fragOf.get(label.label);
        if (stretch != 0 && symFrag != null && symFrag.marker != f.marker) {
            if (stretch < 0 || symFrag.region == f.region) {
                target += stretch;
            } else if (target < address) {
                return 0;
            }
        }
        long aim = target - address;
        boolean fits = aim < 0 ? aim >= -127 : aim <= 128;
        if (fits) {
            return 0;
        }
        int before = b.size;
        b.longForm = true;
        b.size = InstructionEncoder.branchLength(b.mnemonic, true);
        return b.size - before;
    }

}
