package kprobesim.kernel.symbols;

/** An address resolved to a symbol: {@code symbol + offset}. */
public record SymbolOffset(KernelSymbol symbol, long offset) {
    /** Linux's {@code %pS}: {@code do_fork+0x1f/0x120}. */
    public String format() {
        return symbol.name() + "+0x" + Long.toHexString(offset) + "/0x" + Long.toHexString(symbol.size());
    }

    public long address() {
        return symbol.address() + offset;
    }
}
