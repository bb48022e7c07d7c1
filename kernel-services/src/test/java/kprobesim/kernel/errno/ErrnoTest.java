package kprobesim.kernel.errno;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ErrnoTest {

    @Test
    void valuesAreLinuxX86_64() {
        assertEquals(1, Errno.EPERM.code());
        assertEquals(2, Errno.ENOENT.code());
        assertEquals(9, Errno.EBADF.code());
        assertEquals(11, Errno.EAGAIN.code());
        assertEquals(12, Errno.ENOMEM.code());
        assertEquals(13, Errno.EACCES.code());
        assertEquals(14, Errno.EFAULT.code());
        assertEquals(17, Errno.EEXIST.code());
        assertEquals(21, Errno.EISDIR.code());
        assertEquals(22, Errno.EINVAL.code());
        assertEquals(29, Errno.ESPIPE.code());
        assertEquals(36, Errno.ENAMETOOLONG.code());
        assertEquals(40, Errno.ELOOP.code());
        assertEquals(84, Errno.EILSEQ.code());
        assertEquals(524, Errno.ENOTSUPP.code());
        assertEquals(-14, Errno.EFAULT.neg());
    }

    @Test
    void isErrorCoversExactlyMinus4095ToMinus1() {
        assertTrue(Errno.isError(-1));
        assertTrue(Errno.isError(-4095));
        assertFalse(Errno.isError(-4096), "below MAX_ERRNO is an address, not an error");
        assertFalse(Errno.isError(0));
        assertFalse(Errno.isError(0xffff880000001000L));
        assertEquals(Optional.of(Errno.EFAULT), Errno.fromReturn(-14));
        assertEquals(Optional.empty(), Errno.fromReturn(14));
        assertEquals(Optional.empty(), Errno.fromReturn(-4000), "unknown errno");
        assertEquals("-EFAULT (Bad address)", Errno.describe(-14));
        assertEquals("22", Errno.describe(22));
    }

    @Test
    void errOrBehavesLikeErrPtr() {
        ErrOr<String> ok = ErrOr.ok("file");
        ErrOr<String> bad = ErrOr.err(Errno.ENOENT);
        assertFalse(ok.isErr());
        assertTrue(bad.isErr());
        assertEquals("file", ok.value());
        assertEquals(0, ok.ptrErr());
        assertEquals(-2, bad.ptrErr());
        assertEquals(Errno.ENOENT, bad.errno());
        assertEquals(4, ok.map(String::length).value());
        assertEquals(Errno.ENOENT, bad.map(String::length).errno());
        assertThrows(IllegalStateException.class, bad::value);
        assertThrows(IllegalStateException.class, ok::errno);
    }
}
