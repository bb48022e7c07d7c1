package kprobesim.kernel.vfs;

import static kprobesim.kernel.vfs.OpenFlags.O_APPEND;
import static kprobesim.kernel.vfs.OpenFlags.O_CREAT;
import static kprobesim.kernel.vfs.OpenFlags.O_EXCL;
import static kprobesim.kernel.vfs.OpenFlags.O_RDONLY;
import static kprobesim.kernel.vfs.OpenFlags.O_RDWR;
import static kprobesim.kernel.vfs.OpenFlags.O_TRUNC;
import static kprobesim.kernel.vfs.OpenFlags.O_WRONLY;
import static kprobesim.kernel.vfs.Seek.SEEK_CUR;
import static kprobesim.kernel.vfs.Seek.SEEK_DATA;
import static kprobesim.kernel.vfs.Seek.SEEK_END;
import static kprobesim.kernel.vfs.Seek.SEEK_HOLE;
import static kprobesim.kernel.vfs.Seek.SEEK_SET;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import kprobesim.cpu.memory.PhysicalMemory;
import kprobesim.kernel.errno.ErrOr;
import kprobesim.kernel.errno.Errno;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Kernel file I/O semantics every backend must have, including seed 004's module test and the
 * addr_limit trap it explains. One subclass per backend.
 */
abstract class FileSystemContractTest {
    /** A user-space buffer (below USER_DS). */
    static final long USER_BUF = 0x601000L;
    /** A kernel buffer in the direct map, as a module's stack array would be. */
    static final long KERNEL_BUF = 0xffff880000100000L;
    static final long UNMAPPED_USER = 0x700000L;
    static final long UNMAPPED_KERNEL = 0xffff880000900000L;

    final PhysicalMemory mem = new PhysicalMemory();
    final ThreadInfo ti = new ThreadInfo();
    final CurrentTask current = new CurrentTask(ti, GuestMemory.physical(mem));
    Vfs vfs;

    /** A fresh backend in which the directory "/root" exists. */
    abstract FileSystem newFileSystemWithRootDir() throws Exception;

    @BeforeEach
    void setUp() throws Exception {
        mem.map(USER_BUF, 0x2000);
        mem.map(KERNEL_BUF, 0x2000);
        vfs = new Vfs(newFileSystemWithRootDir());
    }

    VfsFile open(String path, int flags) {
        ErrOr<VfsFile> f = vfs.filpOpen(path, flags, 0644);
        assertFalse(f.isErr(), () -> path + ": " + f);
        return f.value();
    }

    void poke(long addr, String s) {
        mem.write(addr, s.getBytes(StandardCharsets.ISO_8859_1), 0, s.length());
    }

    String peek(long addr, int n) {
        return new String(mem.readBytes(addr, n), StandardCharsets.ISO_8859_1);
    }

    long writeString(VfsFile f, String s) {
        poke(USER_BUF, s);
        return vfs.vfsWrite(current, f, USER_BUF, s.length(), f.fPos());
    }

    String readString(VfsFile f, int n) {
        long got = vfs.vfsRead(current, f, USER_BUF + 0x800, n, f.fPos());
        assertTrue(got >= 0, () -> "read failed: " + Errno.describe(got));
        return peek(USER_BUF + 0x800, (int) got);
    }

    @Test
    void seed004ModuleTestWritesSeeksAndReadsBackWithKernelBuffers() {
        String buff = "module read/write test";
        ErrOr<VfsFile> opened = vfs.filpOpen("/root/test.txt", O_RDWR | O_CREAT, 0644);
        assertFalse(opened.isErr(), "IS_ERR(filp)");
        VfsFile filp = opened.value();
        poke(KERNEL_BUF, buff); // char *buff lives in the kernel
        long tmp = KERNEL_BUF + 0x200; // char tmp[100] on the kernel stack

        MmSegment oldFs = ti.getFs();
        ti.setFs(MmSegment.getDs());
        assertEquals(buff.length(), filp.fOp().write(current, filp, KERNEL_BUF, buff.length(), filp.fPos()));
        assertEquals(0, filp.fOp().llseek(filp, 0, 0));
        long ret = filp.fOp().read(current, filp, tmp, buff.length(), filp.fPos());
        ti.setFs(oldFs);

        assertEquals(buff.length(), ret);
        assertEquals(buff, peek(tmp, buff.length()));
        assertEquals(MmSegment.USER_DS, ti.getFs());
        assertEquals(0, vfs.filpClose(filp));
    }

    @Test
    void kernelBufferWithoutSetFsIsEfaultExactlyAsSeed004Warns() {
        VfsFile filp = open("/root/test.txt", O_RDWR | O_CREAT);
        poke(KERNEL_BUF, "module read/write test");
        assertEquals(MmSegment.USER_DS, ti.getFs());
        assertEquals(-14, vfs.vfsWrite(current, filp, KERNEL_BUF, 22, filp.fPos()), "vfs_write's access_ok");
        assertEquals(-14, filp.fOp().write(current, filp, KERNEL_BUF, 22, filp.fPos()), "f_op->write's copy_from_user");
        assertEquals(0, filp.position());
        assertEquals(0, writeString(filp, "") , "nothing was written");
        // put data in with a user buffer, then try to read into the kernel buffer
        assertEquals(5, writeString(filp, "hello"));
        assertEquals(0, vfs.vfsLlseek(filp, 0, SEEK_SET));
        assertEquals(-14, vfs.vfsRead(current, filp, KERNEL_BUF, 5, filp.fPos()));
        assertEquals(-14, filp.fOp().read(current, filp, KERNEL_BUF, 5, filp.fPos()));
        assertEquals(0, filp.position(), "a failed read does not move f_pos");
        ti.setFs(MmSegment.KERNEL_DS);
        assertEquals(5, vfs.vfsRead(current, filp, KERNEL_BUF, 5, filp.fPos()));
        assertEquals("hello", peek(KERNEL_BUF, 5));
    }

    @Test
    void userBuffersWorkUnderUserDs() {
        VfsFile f = open("/root/u.txt", O_RDWR | O_CREAT);
        assertEquals(11, writeString(f, "hello world"));
        assertEquals(0, vfs.vfsLlseek(f, 0, SEEK_SET));
        assertEquals("hello world", readString(f, 100));
        assertEquals("", readString(f, 100), "end of file reads 0");
    }

    @Test
    void unmappedBuffersAreEfaultWhateverTheLimit() {
        VfsFile f = open("/root/u.txt", O_RDWR | O_CREAT);
        assertEquals(-14, vfs.vfsWrite(current, f, UNMAPPED_USER, 4, f.fPos()));
        writeString(f, "data");
        vfs.vfsLlseek(f, 0, SEEK_SET);
        assertEquals(-14, vfs.vfsRead(current, f, UNMAPPED_USER, 4, f.fPos()));
        assertEquals(-14, vfs.vfsRead(current, f, USER_BUF + 0x2000 - 2, 4, f.fPos()), "runs off the mapped pages");
        ti.setFs(MmSegment.KERNEL_DS);
        assertEquals(-14, vfs.vfsRead(current, f, UNMAPPED_KERNEL, 4, f.fPos()));
        assertEquals(-14, vfs.vfsRead(current, f, -16L, 32, f.fPos()), "buffer wraps past 2^64");
        assertEquals(-14, vfs.vfsRead(current, f, USER_BUF, -1L, f.fPos()), "a negative size_t is huge");
        assertEquals(0, f.position());
    }

    @Test
    void everyWhence() {
        VfsFile f = open("/root/seek.txt", O_RDWR | O_CREAT);
        assertEquals(10, writeString(f, "0123456789"));
        assertEquals(3, vfs.vfsLlseek(f, 3, SEEK_SET));
        assertEquals("34", readString(f, 2));
        assertEquals(5, f.position());
        assertEquals(3, vfs.vfsLlseek(f, -2, SEEK_CUR));
        assertEquals(3, vfs.vfsLlseek(f, 0, SEEK_CUR));
        assertEquals(6, vfs.vfsLlseek(f, -4, SEEK_END));
        assertEquals("6789", readString(f, 10));
        assertEquals(10, vfs.vfsLlseek(f, 0, SEEK_END));
        assertEquals(4, vfs.vfsLlseek(f, 4, SEEK_DATA));
        assertEquals(10, vfs.vfsLlseek(f, 4, SEEK_HOLE));
        assertEquals(-6, vfs.vfsLlseek(f, 10, SEEK_DATA), "-ENXIO at end of file");
        assertEquals(-6, vfs.vfsLlseek(f, 12, SEEK_HOLE));
        // past the end is allowed; a write there leaves zeros in between
        assertEquals(15, vfs.vfsLlseek(f, 5, SEEK_END));
        assertEquals("", readString(f, 4));
        assertEquals(1, writeString(f, "X"));
        assertEquals(0, vfs.vfsLlseek(f, 0, SEEK_SET));
        assertEquals("0123456789\0\0\0\0\0X", readString(f, 100));
    }

    @Test
    void badSeeksAreEinvalAndLeaveThePosition() {
        VfsFile f = open("/root/seek.txt", O_RDWR | O_CREAT);
        writeString(f, "0123456789");
        vfs.vfsLlseek(f, 4, SEEK_SET);
        assertEquals(-22, vfs.vfsLlseek(f, 0, 5), "unknown whence");
        assertEquals(-22, vfs.vfsLlseek(f, 0, -1));
        assertEquals(-22, vfs.vfsLlseek(f, -1, SEEK_SET));
        assertEquals(-22, vfs.vfsLlseek(f, -5, SEEK_CUR));
        assertEquals(-22, vfs.vfsLlseek(f, -11, SEEK_END));
        assertEquals(-22, vfs.vfsLlseek(f, Long.MAX_VALUE, SEEK_END), "overflow");
        assertEquals(4, f.position());
        assertEquals(-22, vfs.vfsRead(current, f, USER_BUF, 1, new FilePos(-1)), "negative position");
    }

    @Test
    void openFlagsBehaveLikeLinux() {
        assertEquals(-2, vfs.filpOpen("/root/missing", O_RDONLY, 0).ptrErr());
        assertEquals(-2, vfs.filpOpen("/nodir/file", O_RDWR | O_CREAT, 0644).ptrErr());
        assertEquals(-2, vfs.filpOpen("", O_RDONLY, 0).ptrErr());
        assertEquals(-36, vfs.filpOpen("/" + "a".repeat(5000), O_RDONLY, 0).ptrErr());
        assertEquals(-36, vfs.filpOpen("/root/" + "a".repeat(256), O_RDWR | O_CREAT, 0644).ptrErr());
        assertEquals(-22, vfs.filpOpen("/root/x", 3 | O_CREAT, 0644).ptrErr(), "access mode 3");
        assertEquals(-21, vfs.filpOpen("/root", O_RDWR, 0).ptrErr());

        VfsFile f = open("/root/f", O_WRONLY | O_CREAT | O_EXCL);
        assertEquals(-17, vfs.filpOpen("/root/f", O_RDWR | O_CREAT | O_EXCL, 0644).ptrErr());
        assertEquals(6, writeString(f, "abcdef"));
        assertEquals(-9, vfs.vfsRead(current, f, USER_BUF, 1, f.fPos()), "not opened for reading");
        assertEquals(0, vfs.filpClose(f));

        VfsFile ro = open("/root/f", O_RDONLY);
        assertEquals(-9, vfs.vfsWrite(current, ro, USER_BUF, 1, ro.fPos()), "not opened for writing");
        assertEquals("abcdef", readString(ro, 100));

        VfsFile app = open("/root/f", O_WRONLY | O_APPEND);
        vfs.vfsLlseek(app, 0, SEEK_SET);
        assertEquals(2, writeString(app, "gh"));
        assertEquals(8, app.position(), "O_APPEND writes at the end");
        vfs.vfsLlseek(ro, 0, SEEK_SET);
        assertEquals("abcdefgh", readString(ro, 100));

        VfsFile tr = open("/root/f", O_RDWR | O_TRUNC);
        assertEquals("", readString(tr, 100), "O_TRUNC empties the file");
        assertEquals(0, vfs.vfsLlseek(tr, 0, SEEK_END));
    }

    @Test
    void closedFilesAreEbadf() {
        VfsFile f = open("/root/c", O_RDWR | O_CREAT);
        assertEquals(0, vfs.filpClose(f));
        assertTrue(f.isClosed());
        assertEquals(-9, vfs.filpClose(f));
        assertEquals(-9, vfs.vfsRead(current, f, USER_BUF, 1, f.fPos()));
        assertEquals(-9, vfs.vfsWrite(current, f, USER_BUF, 1, f.fPos()));
        assertEquals(-9, vfs.vfsLlseek(f, 0, SEEK_SET));
    }

    @Test
    void kernelReadAndWriteRaiseTheLimitOnlyForTheCall() {
        VfsFile f = open("/root/k", O_RDWR | O_CREAT);
        poke(KERNEL_BUF, "kernel");
        assertEquals(6, vfs.kernelWrite(current, f, KERNEL_BUF, 6, f.fPos()));
        assertEquals(MmSegment.USER_DS, ti.getFs());
        assertEquals(6, vfs.kernelRead(current, f, KERNEL_BUF + 0x100, 6, new FilePos(0)));
        assertEquals("kernel", peek(KERNEL_BUF + 0x100, 6));
        assertEquals(MmSegment.USER_DS, ti.getFs());
        assertEquals(-14, vfs.vfsRead(current, f, KERNEL_BUF, 6, new FilePos(0)));
    }

    @Test
    void fileConvenienceMethodsGoThroughFOpWithFPos() {
        VfsFile f = open("/root/conv", O_RDWR | O_CREAT);
        poke(USER_BUF, "xyz");
        assertEquals(3, f.write(current, USER_BUF, 3));
        assertEquals(3, f.position());
        assertEquals(1, f.llseek(1, SEEK_SET));
        assertEquals(2, f.read(current, USER_BUF + 0x10, 10));
        assertEquals("yz", peek(USER_BUF + 0x10, 2));
        assertEquals(0, f.read(current, KERNEL_BUF, 1), "at end of file nothing is copied, so nothing is checked");
        assertEquals(0, f.llseek(0, SEEK_SET));
        assertEquals(-14, f.read(current, KERNEL_BUF, 1), "f_op paths still check addr_limit");
        assertEquals("file{/root/conv, O_RDWR|O_CREAT}", f.toString());
    }

    @Test
    void aPrivatePositionDoesNotMoveFPos() {
        VfsFile f = open("/root/p", O_RDWR | O_CREAT);
        writeString(f, "abcdef");
        FilePos pos = new FilePos(2);
        assertEquals(3, vfs.vfsRead(current, f, USER_BUF, 3, pos));
        assertEquals(5, pos.get());
        assertEquals(6, f.position());
        assertEquals("cde", peek(USER_BUF, 3));
    }
}
