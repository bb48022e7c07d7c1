package kprobesim.cpu.asm;

import java.util.Arrays;

/** A growable little-endian byte buffer. */
final class ByteSink {
    private byte[] buf = new byte[16];
    private int size;

    void put(int b) {
        if (size == buf.length) {
            buf = Arrays.copyOf(buf, size * 2);
        }
        buf[size++] = (byte) b;
    }

    void putLe(long value, int bytes) {
        for (int i = 0; i < bytes; i++) {
            put((int) (value >>> (8 * i)));
        }
    }

    void putAll(byte[] bytes) {
        for (byte b : bytes) {
            put(b);
        }
    }

    int size() {
        return size;
    }

    byte[] toArray() {
        return Arrays.copyOf(buf, size);
    }
}
