package kprobesim.cli.x86;

import java.nio.file.Path;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** picocli converters for the exec options; a bad value becomes picocli's one-line usage error. */
public final class Converters {
    private Converters() {}

    /** {@code ADDR:LEN} of {@code --mem} and {@code --dump}. */
    public record AddrLen(long addr, long len) {}

    /** {@code ADDR:FILE} of {@code --load}. */
    public record AddrFile(long addr, Path file) {}

    /** An address or count: 0x-hex or decimal, up to 64 bits. */
    public static final class Address implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return Numbers.parse(value);
            } catch (NumberFormatException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** A non-negative count. */
    public static final class Count implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            long v = new Address().convert(value);
            if (v < 0) {
                throw new TypeConversionException("must not be negative: '" + value + "'");
            }
            return v;
        }
    }

    public static final class AddrLenConverter implements ITypeConverter<AddrLen> {
        @Override
        public AddrLen convert(String value) {
            int colon = value.lastIndexOf(':');
            if (colon <= 0 || colon == value.length() - 1) {
                throw new TypeConversionException("expected ADDR:LEN, e.g. 0x600000:4096, got '" + value + "'");
            }
            long addr = new Address().convert(value.substring(0, colon));
            long len = new Address().convert(value.substring(colon + 1));
            if (len < 0 || len > ExecRequest.MAX_REGION_BYTES) {
                throw new TypeConversionException("length out of range 0.." + ExecRequest.MAX_REGION_BYTES + ": '" + value + "'");
            }
            return new AddrLen(addr, len);
        }
    }

    public static final class AddrFileConverter implements ITypeConverter<AddrFile> {
        @Override
        public AddrFile convert(String value) {
            int colon = value.indexOf(':');
            if (colon <= 0 || colon == value.length() - 1) {
                throw new TypeConversionException("expected ADDR:FILE, e.g. 0x600000:data.bin, got '" + value + "'");
            }
            return new AddrFile(new Address().convert(value.substring(0, colon)), Path.of(value.substring(colon + 1)));
        }
    }
}
