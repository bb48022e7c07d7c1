package kprobesim.cpu.asm;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The linked output of the assembler: sections at their final addresses, the symbol table
 * and the address-to-line table. Immutable.
 *
 * <p>Because the assembler is also the linker, every absolute reference in the bytes
 * ({@code .quad label}, {@code movabs $label,%rax}) already holds a final address.
 */
public final class ObjectImage {
    private final Map<String, SectionImage> sections;
    private final List<AsmSymbol> symbols;
    private final Map<String, AsmSymbol> byName;
    /** Labels that name an address, sorted by address, for address-to-symbol lookups. */
    private final List<AsmSymbol> byAddress;
    /** Sorted by address. */
    private final List<LineEntry> lines;

    ObjectImage(List<SectionImage> sections, List<AsmSymbol> symbols, List<LineEntry> lines) {
        this.sections = new LinkedHashMap<>();
        for (SectionImage s : sections) {
            this.sections.put(s.name(), s);
        }
        this.symbols = List.copyOf(symbols);
        this.byName = new LinkedHashMap<>();
        // a name private to several files (two local `helper's) finds the global one, else the first
        for (AsmSymbol s : symbols) {
            AsmSymbol had = byName.get(s.name());
            if (had == null || (had.binding() != AsmSymbol.Binding.GLOBAL && s.binding() == AsmSymbol.Binding.GLOBAL)) {
                byName.put(s.name(), s);
            }
        }
        List<AsmSymbol> addr = new ArrayList<>();
        for (AsmSymbol s : symbols) {
            if (!s.isAbsolute()) {
                addr.add(s);
            }
        }
        // Among symbols at the same address prefer globals, then the ones with a size.
        addr.sort(Comparator.comparingLong(AsmSymbol::value)
                .thenComparing(s -> s.binding() == AsmSymbol.Binding.GLOBAL ? 0 : 1)
                .thenComparing(s -> s.size() > 0 ? 0 : 1));
        this.byAddress = List.copyOf(addr);
        List<LineEntry> l = new ArrayList<>(lines);
        l.sort(Comparator.comparingLong(LineEntry::address));
        this.lines = List.copyOf(l);
    }

    /** Sections in layout order. */
    public List<SectionImage> sections() {
        return List.copyOf(sections.values());
    }

    public Optional<SectionImage> section(String name) {
        return Optional.ofNullable(sections.get(name));
    }

    /** The {@code .text} bytes (empty if the source has no text), what {@code objcopy -j .text} gives. */
    public byte[] text() {
        SectionImage t = sections.get(".text");
        return t == null ? new byte[0] : t.bytes();
    }

    public long textBase() {
        SectionImage t = sections.get(".text");
        return t == null ? 0 : t.base();
    }

    public List<AsmSymbol> symbols() {
        return symbols;
    }

    public Optional<AsmSymbol> symbol(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The symbol whose range holds {@code address} (or the nearest one below it in the same section). */
    public Optional<AsmSymbol> symbolAt(long address) {
        AsmSymbol best = null;
        for (AsmSymbol s : byAddress) {
            if (Long.compareUnsigned(s.value(), address) > 0) {
                break;
            }
            if (best == null || s.value() != best.value()) {
                best = s;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        if (best.size() > 0 && !best.covers(address)) {
            return Optional.empty();
        }
        SectionImage sec = sections.get(best.section());
        if (sec != null && !sec.contains(address) && address != best.value()) {
            return Optional.empty();
        }
        return Optional.of(best);
    }

    /** {@code name+0xoff/0xsize} as in kernel oops lines, or empty if no symbol covers the address. */
    public Optional<String> describe(long address) {
        return symbolAt(address).map(s -> s.name() + "+0x" + Long.toHexString(address - s.value())
                + "/0x" + Long.toHexString(s.size()));
    }

    /**
     * The symbol table as {@code nm -n} prints it, one symbol a line:
     * {@code ffffffff81000000 T do_fork}. Letters: T text, D data, R read-only, B bss,
     * A absolute; lower case for local symbols.
     */
    public List<String> nmListing() {
        List<AsmSymbol> sorted = new ArrayList<>(symbols);
        sorted.sort(Comparator.comparing((AsmSymbol s) -> s.value(), Long::compareUnsigned)
                .thenComparing(AsmSymbol::name));
        List<String> out = new ArrayList<>();
        for (AsmSymbol s : sorted) {
            char letter;
            SectionImage sec = s.section() == null ? null : sections.get(s.section());
            if (sec == null) {
                letter = 'A';
            } else if (sec.flags().contains("x")) {
                letter = 'T';
            } else if (sec.nobits()) {
                letter = 'B';
            } else if (sec.flags().contains("w")) {
                letter = 'D';
            } else {
                letter = 'R';
            }
            if (s.binding() == AsmSymbol.Binding.LOCAL) {
                letter = Character.toLowerCase(letter);
            }
            out.add(String.format("%016x %c %s", s.value(), letter, s.name()));
        }
        return out;
    }

    public List<LineEntry> lines() {
        return lines;
    }

    /** The line whose bytes include {@code address}. */
    public Optional<LineEntry> lineAt(long address) {
        int lo = 0, hi = lines.size() - 1;
        LineEntry found = null;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            LineEntry e = lines.get(mid);
            if (Long.compareUnsigned(e.address(), address) <= 0) {
                found = e;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        if (found == null || Long.compareUnsigned(address - found.address(), found.length()) >= 0) {
            return Optional.empty();
        }
        return Optional.of(found);
    }
}
