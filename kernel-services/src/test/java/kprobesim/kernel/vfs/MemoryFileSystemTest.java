package kprobesim.kernel.vfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MemoryFileSystemTest extends FileSystemContractTest {
    private MemoryFileSystem fs;

    @Override
    FileSystem newFileSystemWithRootDir() {
        fs = new MemoryFileSystem();
        assertEquals(0, fs.mkdir("/root"));
        return fs;
    }

    @Test
    void dotDotAtTheRootStaysAtTheRootAsOnLinux() {
        VfsFile f = open("/../../root/./x", OpenFlags.O_RDWR | OpenFlags.O_CREAT);
        writeString(f, "hi");
        assertArrayEquals("hi".getBytes(StandardCharsets.US_ASCII), fs.contents("/root/x").orElseThrow());
        assertArrayEquals("hi".getBytes(StandardCharsets.US_ASCII), fs.contents("root/x").orElseThrow());
    }

    @Test
    void mkdirErrors() {
        assertEquals(-17, fs.mkdir("/root"));
        assertEquals(-2, fs.mkdir("/a/b"));
        open("/root/file", OpenFlags.O_RDWR | OpenFlags.O_CREAT);
        assertEquals(-20, fs.mkdir("/root/file/sub"));
        assertEquals(-20, vfs.filpOpen("/root/file/x", OpenFlags.O_RDWR | OpenFlags.O_CREAT, 0644).ptrErr());
    }
}
