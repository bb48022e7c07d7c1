package kprobesim.cpu.asm;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * GNU as-compatible assembler and linker for the x86-64 subset kprobesim runs: AT&amp;T
 * syntax in, an {@link ObjectImage} (sections at final addresses, symbols, line table) out.
 * For the same source the {@code .text} bytes equal those of
 * {@code as --64 F.S && ld -Ttext=BASE} (or plain {@code as} + {@code objcopy -j .text} when the
 * source has no relocations).
 *
 * <p>Errors are values: {@link #assemble} never throws for bad input; it returns
 * {@link AssemblyResult.Failure} with one {@link AsmError} per bad statement.
 *
 * <pre>
 *   source --SourceSplitter--> statements --SourceParser--> sections of Statements
 *          --Layout (relaxation, bases)--> offsets --emit--> bytes, symbols, lines
 * </pre>
 */
public final class Assembler {

    /** Collects errors with the file name filled in. */
    static final class ErrorSink {
        private final String file;
        private final List<AsmError> errors = new ArrayList<>();

        ErrorSink(String file) {
            this.file = file;
        }

        void add(int line, String message) {
            errors.add(new AsmError(file, line, 0, message));
        }

        boolean any() {
            return !errors.isEmpty();
        }

        List<AsmError> sorted() {
            List<AsmError> l = new ArrayList<>(errors);
            l.sort(Comparator.comparingInt(AsmError::line));
            return l;
        }
    }

    private Assembler() {}

    /** Assembles {@code source} with {@code .text} at {@code textBase} and other sections after it. */
    public static AssemblyResult assemble(String source, String fileName, long textBase) {
        return assemble(source, fileName, AssemblerOptions.at(textBase));
    }

    public static AssemblyResult assemble(String source, String fileName, AssemblerOptions options) {
        return assemble(List.of(new SourceFile(fileName, source)), options);
    }

    /**
     * Assembles several files and links them into one image, as {@code as} on each file and
     * {@code ld} on the objects would: same-named sections are concatenated in input order
     * (each part aligned to its own alignment, gaps in code filled with nops as ld does),
     * labels and {@code .set} symbols are private to their file unless {@code .globl}, and a
     * name a file does not define resolves to another file's global symbol.
     */
    public static AssemblyResult assemble(List<SourceFile> files, AssemblerOptions options) {
        List<ErrorSink> sinks = new ArrayList<>();
        List<SourceParser> parsers = new ArrayList<>();
        for (SourceFile f : files) {
            ErrorSink errors = new ErrorSink(f.name());
            SourceParser parser = new SourceParser(errors);
            parser.parse(f.text());
            sinks.add(errors);
            parsers.add(parser);
        }
        if (anyErrors(sinks)) {
            return failure(sinks);
        }
        linkGlobals(parsers, sinks);
        if (anyErrors(sinks)) {
            return failure(sinks);
        }
        for (SourceParser p : parsers) {
            Layout.relax(p);
        }
        List<LinkedSection> placed = Layout.place(parsers, options);
        java.util.IdentityHashMap<SectionBuilder, Integer> owner = new java.util.IdentityHashMap<>();
        for (int i = 0; i < parsers.size(); i++) {
            for (SectionBuilder s : parsers.get(i).sections.values()) {
                owner.put(s, i);
            }
        }
        List<SectionImage> sections = new ArrayList<>();
        List<LineEntry> lines = new ArrayList<>();
        for (LinkedSection ls : placed) {
            ByteSink out = new ByteSink();
            for (SectionBuilder part : ls.parts) {
                long gap = part.base - (ls.base + out.size());
                if (ls.code()) {
                    NopPadding.fill(out, gap, 10);
                } else {
                    for (long k = 0; k < gap; k++) {
                        out.put(0);
                    }
                }
                int i = owner.get(part);
                emit(part, parsers.get(i).symbols, sinks.get(i), files.get(i).name(), lines, out);
            }
            byte[] bytes = ls.nobits ? new byte[out.size()] : out.toArray();
            sections.add(new SectionImage(ls.name, ls.base, bytes, ls.flags, ls.nobits));
        }
        List<AsmSymbol> symbols = new ArrayList<>();
        for (int i = 0; i < parsers.size(); i++) {
            symbols.addAll(parsers.get(i).symbols.export(sinks.get(i), files.get(i).name()));
        }
        if (anyErrors(sinks)) {
            return failure(sinks);
        }
        return new AssemblyResult.Success(new ObjectImage(sections, symbols, lines));
    }

    /** Makes each file's global definitions visible to the others; a second definition is an error. */
    private static void linkGlobals(List<SourceParser> parsers, List<ErrorSink> sinks) {
        java.util.Map<String, SymbolTable> globals = new java.util.HashMap<>();
        for (int i = 0; i < parsers.size(); i++) {
            SymbolTable t = parsers.get(i).symbols;
            for (SymbolTable.Def d : t.defs.values()) {
                if (d.global && d.defined()) {
                    if (globals.putIfAbsent(d.name, t) != null) {
                        sinks.get(i).add(d.line, "multiple definition of `" + d.name + "'");
                    }
                }
            }
        }
        for (SourceParser p : parsers) {
            p.symbols.external = name -> {
                SymbolTable owner = globals.get(name);
                return owner == null || owner == p.symbols ? null : owner.linked(0).symbol(name);
            };
        }
    }

    private static boolean anyErrors(List<ErrorSink> sinks) {
        for (ErrorSink s : sinks) {
            if (s.any()) {
                return true;
            }
        }
        return false;
    }

    private static AssemblyResult failure(List<ErrorSink> sinks) {
        List<AsmError> all = new ArrayList<>();
        for (ErrorSink s : sinks) {
            all.addAll(s.sorted());
        }
        return new AssemblyResult.Failure(all);
    }

    private static void emit(SectionBuilder s, SymbolTable symbols, ErrorSink errors, String file,
            List<LineEntry> lines, ByteSink out) {
        for (Statement st : s.statements) {
            long address = s.base + st.offset;
            int before = out.size();
            try {
                emitOne(st, s, address, symbols, out);
            } catch (AsmFailure f) {
                errors.add(st.line, f.getMessage());
            }
            // keep offsets consistent even after an error
            while (out.size() < before + st.size) {
                out.put(0);
            }
            if (out.size() != before + st.size && !errors.any()) {
                throw new IllegalStateException("size changed between layout and emission at line " + st.line
                        + ": " + st.size + " -> " + (out.size() - before));
            }
            if (st.hasLine() && st.size > 0) {
                lines.add(new LineEntry(address, st.size, file, st.line));
            }
        }
    }

    private static void emitOne(Statement st, SectionBuilder s, long address, SymbolTable symbols, ByteSink out) {
        if (st instanceof Statement.Insn in) {
            Values v = new Values() {
                public Long constant(Expr e) {
                    return in.constants.get(e);
                }

                public long resolve(Expr e) {
                    Long k = in.constants.get(e);
                    return k != null ? k : e.eval(symbols.linked(address));
                }
            };
            out.putAll(InstructionEncoder.encode(in.mnemonic, in.operands, in.prefixes, v, address + in.size));
        } else if (st instanceof Statement.Branch b) {
            long target = b.target.eval(symbols.linked(address));
            out.putAll(InstructionEncoder.encodeBranch(b.mnemonic, b.longForm, target, address, b.prefixes));
        } else if (st instanceof Statement.Data d) {
            for (Expr e : d.values) {
                Long k = d.constants.get(e);
                long v = k != null ? k : e.eval(symbols.linked(address));
                if (d.width < 8) {
                    long min = -(1L << (8 * d.width - 1));
                    long max = (1L << (8 * d.width)) - 1;
                    if (v < min || v > max) {
                        throw new AsmFailure("value 0x" + Long.toHexString(v) + " does not fit in "
                                + d.width + " byte" + (d.width > 1 ? "s" : ""));
                    }
                }
                out.putLe(v, d.width);
            }
        } else if (st instanceof Statement.Bytes b) {
            out.putAll(b.bytes);
        } else if (st instanceof Statement.Align a) {
            // in code, GNU as pads with its multi-byte nops also when the fill given is 0x90
            if ((a.fill < 0 || a.fill == 0x90) && s.code) {
                NopPadding.fill(out, a.size);
            } else {
                for (int i = 0; i < a.size; i++) {
                    out.put(Math.max(a.fill, 0));
                }
            }
        }
    }
}
